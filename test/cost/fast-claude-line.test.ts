// The byte-level reader gives parseClaudeLine's exact result on every line it answers for, and answers for
// the lines Claude Code writes: checked on random lines with random damage, on odd hand-written lines and
// on generated corpora, by scanning each file both ways.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { claudeLineBytes, claudeLineText, claudeUsageMarker } from "../../src/cost/claude-line-text.js";
import { batchEntries } from "../../src/cost/entry-batch.js";
import { fastVerdict, readClaudeLine } from "../../src/cost/fast-claude-line.js";
import { listClaudeFiles } from "../../src/cost/list-log-files.js";
import { parseClaudeLine } from "../../src/cost/parse-claude-line.js";
import { scanClaudeFile } from "../../src/cost/scan-claude-file.js";
import { marker, scanLines } from "../../src/cost/scan-lines.js";
import type { UsageEntry } from "../../src/cost/types.js";
import { generateClaudeCorpus } from "../support/cost-corpus.js";

const dir = mkdtempSync(join(tmpdir(), "drover-fast-line-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What parseClaudeLine alone makes of a file: the reference the fast reader must equal. */
function slowScan(path: string) {
  const entries: UsageEntry[] = [];
  const tail: UsageEntry[] = [];
  let malformed = 0;
  let tailMalformed = 0;
  scanLines(path, 0, [marker(claudeUsageMarker)], (data, start, end, partial) => {
    const { text, validUtf8 } = claudeLineText(data, start, end);
    const result = parseClaudeLine(text);
    if (result.kind === "usage") {
      for (const entry of result.entries)
        (partial ? tail : entries).push(validUtf8 ? entry : { ...entry, dailyOk: false });
    } else if (result.kind === "malformed") {
      if (partial) tailMalformed++;
      else malformed++;
    }
  });
  return { entries, tail, malformed, tailMalformed };
}

function fastScan(path: string) {
  const scan = scanClaudeFile(path, 0, parseClaudeLine);
  return {
    entries: batchEntries(scan.entries),
    tail: batchEntries(scan.tail),
    malformed: scan.malformed,
    tailMalformed: scan.tailMalformed,
  };
}

/** The fast reader's verdicts on the lines of a file. */
function verdicts(path: string): Record<number, number> {
  const counts: Record<number, number> = {};
  scanLines(path, 0, [marker(claudeUsageMarker)], (data, start, end) => {
    const { bytes, length } = claudeLineBytes(data, start, end);
    const verdict = readClaudeLine(bytes, length);
    counts[verdict] = (counts[verdict] ?? 0) + 1;
  });
  return counts;
}

let fileNumber = 0;
function fileOf(content: string | Buffer): string {
  const path = join(dir, `f${fileNumber++}.jsonl`);
  writeFileSync(path, content);
  return path;
}

/** JSON.stringify turns -0 into 0: keep the difference for the parity check. */
const norm = (value: unknown) => JSON.parse(JSON.stringify(value));

function expectSame(path: string): void {
  expect(norm(fastScan(path))).toEqual(norm(slowScan(path)));
}

const realistic = (n: number, extra: Record<string, unknown> = {}, usage: Record<string, unknown> = {}) => ({
  parentUuid: null,
  isSidechain: false,
  userType: "external",
  cwd: "/home/dev/src",
  sessionId: "187b4676-6c50-4a81-a044-1499cd5e166e",
  version: "2.0.14",
  gitBranch: "main",
  type: "assistant",
  uuid: "6aa8e8e9-53c4-4e5f-a8b7-61fba74d4210",
  timestamp: "2025-10-26T01:26:25.547Z",
  message: {
    id: `msg_01fo0jYO3GWyYQJ6T0yKyK${n}`,
    type: "message",
    role: "assistant",
    model: "claude-opus-4-1-20250805",
    content: [{ type: "text", text: "done" }],
    stop_reason: null,
    stop_sequence: null,
    usage: {
      input_tokens: 7,
      cache_creation_input_tokens: 3899,
      cache_read_input_tokens: 45829,
      output_tokens: 20,
      service_tier: "standard",
      cache_creation: { ephemeral_5m_input_tokens: 3899, ephemeral_1h_input_tokens: 0 },
      ...usage,
    },
  },
  requestId: `req_011CR1vQHr2qaOSJ2rPE0D0${n}`,
  ...extra,
});

describe("readClaudeLine", () => {
  it("reads what Claude Code writes without the slow path", () => {
    const progress = {
      ...realistic(1),
      type: "progress",
      message: undefined,
      data: { message: { ...realistic(2), isSidechain: true }, type: "agent_progress", prompt: "" },
    };
    const lines = [
      realistic(0),
      progress,
      realistic(3, { costUSD: 0.0123 }),
      realistic(4, {}, { speed: "fast" }),
    ];
    const path = fileOf(`${lines.map((l) => JSON.stringify(l)).join("\n")}\n`);
    expect(verdicts(path)).toEqual({ [fastVerdict.entry]: 4 });
    expectSame(path);
  });

  it("agrees with parseClaudeLine on odd lines", () => {
    const base = JSON.stringify(realistic(5));
    const odd = [
      base.replace('"sessionId"', '"session\\u0049d"'), // an escaped key spelling a field
      base.replace('"version":"2.0.14",', '"version":"2.0.14","version":"x",'), // a key written twice
      base.replace('"output_tokens":20', '"output_tokens":20.0'),
      base.replace('"output_tokens":20', '"output_tokens":2e1'),
      base.replace('"output_tokens":20', '"output_tokens":-0'),
      base.replace('"output_tokens":20', '"output_tokens":1234567890123456'),
      base.replace('"output_tokens":20', '"output_tokens":020'),
      base.replace('"input_tokens":7', '"input_tokens": 7 '),
      base.replace('"usage":{', '"usage": {'),
      base.replace('"model":"claude-opus-4-1-20250805"', '"model":null'),
      base.replace('"model":"claude-opus-4-1-20250805"', '"model":"claude-opus-4-1-2025080\\u0035"'),
      base.replace('"model":"claude-opus-4-1-20250805"', '"model":"clåude"'),
      base.replace('"model":"claude-opus-4-1-20250805"', '"model":"<synthetic>"'),
      base.replace('"model":"claude-opus-4-1-20250805"', '"model":""'),
      base.replace('"cwd":"/home/dev/src"', '"cwd":null'),
      base.replace('"text":"done"', '"text":"done","x":null'), // a null inside the content
      base.replace('"text":"done"', '"text":"do\u0001ne"'), // a raw control character (content is skipped)
      base.replace('"gitBranch":"main"', '"gitBranch":"ma\u0001in"'),
      base.replace('"gitBranch":"main"', '"gitBranch":"ma\\qin"'),
      base.replace('"timestamp":"2025-10-26T01:26:25.547Z"', '"timestamp":"2025-10-26T01:26:25Z"'),
      base.replace('"timestamp":"2025-10-26T01:26:25.547Z"', '"timestamp":"2025-02-29T01:26:25.547Z"'),
      base.replace('"timestamp":"2025-10-26T01:26:25.547Z"', '"timestamp":"2024-02-29T01:26:25.547Z"'),
      base.replace('"timestamp":"2025-10-26T01:26:25.547Z"', '"timestamp":"2025-10-26T01:26:25.547+02:00"'),
      base.replace('"version":"2.0.14"', '"version":"2.0"'),
      base.replace('"speed"', '"x"').replace('"service_tier":"standard"', '"speed":"turbo"'),
      base.replace('"cache_creation":{', '"cache_creation":null,"y":{'),
      base.replace('"isSidechain":false', '"isSidechain":"no"'),
      base.replace('"isSidechain":false', '"isApiErrorMessage":"yes","isSidechain":false'),
      base.replace('"isSidechain":false', '"isApiErrorMessage":true,"isSidechain":false'),
      base.replace('"requestId":', '"costUSD":1.5e-3,"requestId":'),
      base.replace(
        '"output_tokens":20,',
        '"output_tokens":20,"iterations":[{"type":"advisor_message","model":"claude-haiku-4-5","input_tokens":5,"output_tokens":6}],',
      ),
      `${base}\r`,
      `${base} x`,
      `\uFEFF${base}`,
      `[${base}]`,
      base.slice(0, base.length - 1),
      JSON.stringify({ type: "user", toolUseResult: { usage: { input_tokens: 1, output_tokens: 2 } } }),
      JSON.stringify({ type: "progress", message: "x", data: { message: realistic(6) } }),
      JSON.stringify({ sessionId: "", data: { message: realistic(7) } }),
      JSON.stringify({ data: { message: { ...realistic(8), version: "beta" } } }),
      JSON.stringify({ data: { message: realistic(9), message2: 1 } }).replace('"message2"', '"message"'),
      JSON.stringify(realistic(10, {}, { input_tokens: undefined })),
      JSON.stringify(realistic(11, { message: { usage: { input_tokens: 1, output_tokens: 2 } } })),
    ];
    for (const line of odd) expectSame(fileOf(`${line}\n`));
    const path = fileOf(`${odd.join("\n")}\n`);
    expectSame(path);
    expect(verdicts(path)[fastVerdict.unsure]).toBeGreaterThan(10);
  });

  it("agrees with parseClaudeLine on lines that are not valid UTF-8", () => {
    const line = Buffer.from(
      JSON.stringify(realistic(12)).replace('"gitBranch":"main"', '"gitBranch":"m__n"'),
    );
    const at = line.indexOf("m__n") + 1;
    line[at] = 0xc3; // a lead byte without its continuation
    line[at + 1] = 0x28;
    const path = fileOf(Buffer.concat([line, Buffer.from("\n")]));
    expect(verdicts(path)).toEqual({ [fastVerdict.entry]: 1 });
    expectSame(path);
    expect(fastScan(path).entries[0]!.dailyOk).toBe(false);
  });

  it("agrees with parseClaudeLine on random lines and random damage", () => {
    /** Mostly what Claude Code writes, sometimes anything: so that both the fast reader and the slow path run. */
    const mostly = <T, U>(usual: fc.Arbitrary<T>, odd: fc.Arbitrary<U>) =>
      fc.oneof({ arbitrary: usual, weight: 15 }, { arbitrary: odd, weight: 1 });
    const text = fc.string({ maxLength: 6 });
    const count = mostly(fc.nat({ max: 500_000 }), fc.constantFrom(-1, 1.5, 2 ** 53, null, "7"));
    const usage = fc.record(
      {
        input_tokens: count,
        output_tokens: count,
        cache_creation_input_tokens: count,
        cache_read_input_tokens: count,
        speed: mostly(fc.constantFrom("standard", "fast"), fc.constantFrom("slow", null)),
        cache_creation: mostly(
          fc.record(
            { ephemeral_5m_input_tokens: count, ephemeral_1h_input_tokens: count },
            { requiredKeys: [] },
          ),
          fc.constantFrom(null, 5, {}),
        ),
        service_tier: text,
      },
      { requiredKeys: ["input_tokens", "output_tokens"] },
    );
    const message = fc.record(
      {
        id: mostly(fc.constantFrom("msg_1", "msg_2", "msg_3"), fc.oneof(fc.constantFrom("", null), text)),
        model: mostly(
          fc.constantFrom("claude-sonnet-4-5-20250929", "<synthetic>", "acme"),
          fc.constantFrom("", null, 7),
        ),
        content: mostly(
          fc.constantFrom([], [{ type: "text", text: "usage" }]),
          fc.constantFrom([{ type: "text", text: "a:null" }], "text"),
        ),
        stop_reason: fc.constantFrom(null, "end_turn"),
        usage,
      },
      { requiredKeys: ["usage"] },
    );
    const fields = {
      timestamp: mostly(
        fc.constantFrom("2025-06-01T10:00:00.000Z", "2025-06-01T10:00:00Z"),
        fc.constantFrom("2025-06-31T10:00:00.000Z", "x", 5),
      ),
      message,
      version: mostly(fc.constantFrom("2.0.14", "1.0.98"), fc.constantFrom("1.0", "", null, 2)),
      sessionId: mostly(fc.constantFrom("s1", "s2"), fc.oneof(fc.constantFrom("", null), text)),
      requestId: mostly(fc.constantFrom("req_1", "req_2"), fc.constantFrom("", null, 3)),
      costUSD: mostly(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(null, "1")),
      isSidechain: mostly(fc.boolean(), fc.constantFrom(null, "yes")),
      isApiErrorMessage: mostly(fc.boolean(), fc.constantFrom("yes", 1, null)),
      cwd: mostly(fc.constant("/home"), fc.constant(null)),
    };
    const direct = fc.record(fields, { requiredKeys: ["timestamp", "message"] });
    const progress = fc.record(
      { type: fc.constant("progress"), sessionId: fields.sessionId, data: fc.record({ message: direct }) },
      { requiredKeys: ["data"] },
    );
    const keep = fc.constant((line: string) => line);
    const cut = fc.nat().map((n) => (line: string) => line.slice(0, n % (line.length + 1)));
    const insert = fc
      .tuple(fc.nat(), fc.constantFrom(" ", "\\", '"', "{", "]", ",", "é", "0", ":null", "\t", "\u0001"))
      .map(([n, c]) => (line: string) => {
        const at = n % (line.length + 1);
        return line.slice(0, at) + c + line.slice(at);
      });
    const damage = fc.oneof(
      { arbitrary: keep, weight: 6 },
      { arbitrary: cut, weight: 1 },
      { arbitrary: insert, weight: 3 },
    );
    let answered = 0;
    let lines = 0;
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.oneof(direct, progress), damage), { minLength: 1, maxLength: 12 }),
        fc.boolean(),
        (items, finished) => {
          const text = items.map(([line, hurt]) => hurt(JSON.stringify(line)).replace(/\n/g, " ")).join("\n");
          const path = fileOf(finished ? `${text}\n` : text);
          expectSame(path);
          const counts = Object.entries(verdicts(path));
          for (const [verdict, n] of counts) {
            lines += n;
            if (Number(verdict) !== fastVerdict.unsure) answered += n;
          }
        },
      ),
      { numRuns: 400 },
    );
    expect(answered / lines).toBeGreaterThan(0.2); // the property is not vacuous
  });

  it("agrees with parseClaudeLine on generated corpora, odd lines included", () => {
    for (const seed of [11, 23]) {
      const corpus = join(dir, `corpus-${seed}`);
      generateClaudeCorpus({ dir: corpus, targetBytes: 1_200_000, seed, edgeCases: true });
      for (const file of listClaudeFiles([corpus])) expectSame(file.path);
    }
  });
});
