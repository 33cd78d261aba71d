// The streaming line scanner: same lines as a naive split, whatever the read size, with offsets to resume from.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { marker, scanLines } from "../../src/cost/scan-lines.js";

const dir = mkdtempSync(join(tmpdir(), "drover-scan-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function scan(path: string, from: number, markers: string[], readSize?: number) {
  const lines: { text: string; partial: boolean }[] = [];
  const result = scanLines(
    path,
    from,
    markers.map(marker),
    (data, start, end, partial) => lines.push({ text: data.toString("utf8", start, end), partial }),
    readSize,
  );
  return { lines, ...result };
}

describe("scanLines", () => {
  it("finds exactly the marked lines, for any read size and any split of the file", () => {
    const lineArb = fc.oneof(
      fc.string({ maxLength: 40 }).map((s) => s.replace(/\n/g, " ")),
      fc.string({ maxLength: 40 }).map((s) => `${s.replace(/\n/g, " ")}"usage":{${s.replace(/\n/g, "")}`),
      fc.constant('é日本🙂"usage":{"x":1}'),
    );
    fc.assert(
      fc.property(
        fc.array(lineArb, { maxLength: 30 }),
        fc.boolean(),
        fc.integer({ min: 1, max: 64 }),
        (lines, trailingNewline, readSize) => {
          const text = lines.join("\n") + (trailingNewline && lines.length ? "\n" : "");
          const path = join(dir, "prop.jsonl");
          writeFileSync(path, text);
          const got = scan(path, 0, ['"usage":{'], readSize);
          const all = text.split("\n");
          const complete = trailingNewline || lines.length === 0 ? all.slice(0, -1) : all.slice(0, -1);
          const last = trailingNewline || lines.length === 0 ? undefined : all[all.length - 1];
          const expected = complete
            .filter((l) => l.includes('"usage":{'))
            .map((l) => ({ text: l, partial: false }));
          if (last?.includes('"usage":{')) expected.push({ text: last, partial: true });
          expect(got.lines).toEqual(expected);
          expect(got.completeOffset).toBe(
            Buffer.byteLength(text) - (last === undefined ? 0 : Buffer.byteLength(last)),
          );
          expect(got.bytesRead).toBe(Buffer.byteLength(text));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("resumes from an offset and reads only what follows", () => {
    const path = join(dir, "resume.jsonl");
    writeFileSync(path, 'a "usage":{1}\nb\n');
    const first = scan(path, 0, ['"usage":{']);
    writeFileSync(path, 'a "usage":{1}\nb\nc "usage":{2}\nd "usage":{3');
    const next = scan(path, first.completeOffset, ['"usage":{']);
    expect(next.lines).toEqual([
      { text: 'c "usage":{2}', partial: false },
      { text: 'd "usage":{3', partial: true },
    ]);
    expect(next.bytesRead).toBe(Buffer.byteLength('c "usage":{2}\nd "usage":{3'));
  });

  it("keeps a line longer than the read buffer whole", () => {
    const path = join(dir, "long.jsonl");
    const long = `${"x".repeat(5000)}"usage":{${"y".repeat(5000)}`;
    writeFileSync(path, `short\n${long}\nend "usage":{\n`);
    expect(scan(path, 0, ['"usage":{'], 16).lines.map((l) => l.text)).toEqual([long, 'end "usage":{']);
  });

  it("takes the earliest of several markers and reports each line once", () => {
    const path = join(dir, "multi.jsonl");
    writeFileSync(path, "A B\nB\nnone\nA\n");
    expect(scan(path, 0, ["A", "B"], 3).lines.map((l) => l.text)).toEqual(["A B", "B", "A"]);
  });
});
