// Live cost of a running session: each readNew() reads only what was appended, copies count once.
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openTranscriptTail } from "../../src/cost/transcript-tail.js";

const root = mkdtempSync(join(tmpdir(), "drover-tail-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const line = (id: string, output: number, extra: Record<string, unknown> = {}) =>
  `${JSON.stringify({
    type: "assistant",
    timestamp: "2025-06-01T10:00:00.000Z",
    requestId: `req_${id}`,
    message: {
      id: `msg_${id}`,
      model: "claude-opus-4-5-20251101",
      usage: { input_tokens: 1_000_000, output_tokens: output },
    },
    ...extra,
  })}\n`;

describe("openTranscriptTail", () => {
  it("reads appended lines only, counts each response once and reports the cost change", async () => {
    const dir = mkdtempSync(join(root, "s-"));
    const path = join(dir, "abc.jsonl");
    writeFileSync(path, line("1", 0));
    const tail = openTranscriptTail(path);
    const first = await tail.readNew();
    expect(first.totals.totalCost).toBeCloseTo(5, 9);
    expect(first.costDelta).toBeCloseTo(5, 9);

    // The next content block of the same response, with the final output count: replaces the first copy.
    appendFileSync(path, line("1", 40_000));
    const second = await tail.readNew();
    expect(second.entries).toHaveLength(1);
    expect(second.totals.outputTokens).toBe(40_000);
    expect(second.costDelta).toBeCloseTo(1, 9);
    expect(second.bytesRead).toBe(Buffer.byteLength(line("1", 40_000)));

    // Nothing new: nothing read, nothing changes.
    const idle = await tail.readNew();
    expect(idle).toMatchObject({ entries: [], costDelta: 0, bytesRead: 0 });
  });

  it("waits for a line to be finished before counting it", async () => {
    const dir = mkdtempSync(join(root, "s-"));
    const path = join(dir, "abc.jsonl");
    writeFileSync(path, line("1", 0));
    const tail = openTranscriptTail(path);
    await tail.readNew();
    const half = line("2", 0);
    appendFileSync(path, half.slice(0, 50));
    expect((await tail.readNew()).entries).toHaveLength(0);
    appendFileSync(path, half.slice(50));
    const done = await tail.readNew();
    expect(done.entries).toHaveLength(1);
    expect(done.totals.totalCost).toBeCloseTo(10, 9);
  });

  it("follows the session's subagent files and skips progress copies", async () => {
    const dir = mkdtempSync(join(root, "s-"));
    const path = join(dir, "abc.jsonl");
    const sub = line("9", 0, { isSidechain: true });
    writeFileSync(
      path,
      line("1", 0) +
        `${JSON.stringify({ type: "progress", timestamp: "2025-06-01T10:00:01.000Z", data: { message: JSON.parse(sub) } })}\n`,
    );
    const tail = openTranscriptTail(path);
    expect((await tail.readNew()).totals.totalCost).toBeCloseTo(5, 9);
    mkdirSync(join(dir, "abc", "subagents"), { recursive: true });
    writeFileSync(join(dir, "abc", "subagents", "agent-1.jsonl"), sub);
    const withSubagent = await tail.readNew();
    expect(withSubagent.totals.totalCost).toBeCloseTo(10, 9);
    expect(withSubagent.entries.map((e) => e.file)).toEqual([join(dir, "abc", "subagents", "agent-1.jsonl")]);
  });

  it("starts over when the transcript is replaced", async () => {
    const dir = mkdtempSync(join(root, "s-"));
    const path = join(dir, "abc.jsonl");
    writeFileSync(path, line("1", 0) + line("2", 0));
    const tail = openTranscriptTail(path);
    await tail.readNew();
    writeFileSync(path, line("3", 0));
    const after = await tail.readNew();
    expect(after.reset).toBe(true);
    expect(after.totals.totalCost).toBeCloseTo(5, 9);
  });

  it("tails a Codex rollout, turning cumulative counters into requests", async () => {
    const dir = mkdtempSync(join(root, "c-"));
    const path = join(dir, "rollout-2025-09-20T10-00-00-x.jsonl");
    const count = (input: number) =>
      `${JSON.stringify({ timestamp: "2025-09-20T10:00:05.000Z", type: "event_msg", payload: { type: "token_count", info: { total_token_usage: { input_tokens: input, output_tokens: 0 } } } })}\n`;
    writeFileSync(
      path,
      `${JSON.stringify({ timestamp: "2025-09-20T10:00:00.000Z", type: "turn_context", payload: { model: "gpt-5" } })}\n${count(1_000_000)}`,
    );
    const tail = openTranscriptTail(path);
    expect(tail.agent).toBe("codex");
    expect((await tail.readNew()).totals.totalCost).toBeCloseTo(1.25, 9);
    appendFileSync(path, count(1_000_000) + count(3_000_000));
    const next = await tail.readNew();
    expect(next.costDelta).toBeCloseTo(2.5, 9);
    expect(next.models).toMatchObject([{ modelName: "gpt-5", inputTokens: 3_000_000 }]);
  });

  it("fails loudly when the transcript itself cannot be read", async () => {
    await expect(openTranscriptTail(join(root, "missing.jsonl")).readNew()).rejects.toThrow(/ENOENT/);
  });
});
