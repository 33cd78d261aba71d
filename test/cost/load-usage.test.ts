// Reading logs with the per-file cache: reruns read nothing, appends only the new bytes, rewrites everything.
import {
  appendFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { buildCostReport } from "../../src/cost/build-cost-report.js";
import { batchEntries } from "../../src/cost/entry-batch.js";
import { loadUsage } from "../../src/cost/load-usage.js";
import { runScans } from "../../src/cost/scan-pool.js";
import { generateClaudeCorpus } from "../support/cost-corpus.js";

const root = mkdtempSync(join(tmpdir(), "drover-load-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let n = 0;
const assistant = (day: number, tokens: number, ids = `${++n}`) =>
  `${JSON.stringify({
    type: "assistant",
    timestamp: `2025-06-${String(day).padStart(2, "0")}T10:00:00.000Z`,
    sessionId: "s1",
    requestId: `req_${ids}`,
    message: {
      id: `msg_${ids}`,
      model: "claude-sonnet-4-5-20250929",
      usage: { input_tokens: tokens, output_tokens: 1 },
    },
  })}\n`;
const rollout = (totals: number) =>
  `${JSON.stringify({ timestamp: "2025-09-20T10:00:05.000Z", type: "event_msg", payload: { type: "token_count", info: { total_token_usage: { input_tokens: totals, output_tokens: 0, total_tokens: totals } } } })}\n`;

let claudeDir: string;
let codexDir: string;
let cacheDir: string;
let session: string;
let rolloutPath: string;
beforeEach(() => {
  const base = mkdtempSync(join(root, "case-"));
  claudeDir = join(base, "claude");
  codexDir = join(base, "codex");
  cacheDir = join(base, "cache");
  mkdirSync(join(claudeDir, "projects", "p"), { recursive: true });
  session = join(claudeDir, "projects", "p", "s1.jsonl");
  writeFileSync(session, assistant(1, 100) + assistant(2, 200));
  writeFileSync(join(claudeDir, "projects", "p", "s2.jsonl"), assistant(3, 300));
  mkdirSync(join(codexDir, "sessions", "2025"), { recursive: true });
  rolloutPath = join(codexDir, "sessions", "2025", "rollout-a.jsonl");
  writeFileSync(
    rolloutPath,
    `${JSON.stringify({ type: "turn_context", timestamp: "2025-09-20T10:00:00Z", payload: { model: "gpt-5" } })}\n${rollout(1000)}`,
  );
});

const load = (options: { workers?: number } = {}) =>
  loadUsage({
    env: { CLAUDE_CONFIG_DIR: claudeDir, CODEX_HOME: codexDir },
    home: root,
    cacheDir,
    ...options,
  });
const inputs = (usage: Awaited<ReturnType<typeof load>>) =>
  usage.files.flatMap((f) => f.entries.map((e) => e.usage.inputTokens + e.usage.cacheReadTokens));

describe("loadUsage with the per-file cache", () => {
  it("reads nothing again when no file changed", async () => {
    const first = await load();
    expect(first.stats).toMatchObject({ files: 3, cachedFiles: 0 });
    const again = await load();
    expect(again.stats).toMatchObject({ files: 3, cachedFiles: 3, bytesRead: 0 });
    expect(inputs(again)).toEqual(inputs(first));
  });

  it("reads only the bytes appended to a transcript", async () => {
    await load();
    const added = assistant(4, 400);
    appendFileSync(session, added);
    const next = await load();
    expect(next.stats.bytesRead).toBe(Buffer.byteLength(added));
    expect(inputs(next)).toEqual([100, 200, 400, 300, 1000]);
  });

  it("counts a last line without newline, and does not count it twice once it is finished", async () => {
    const line = assistant(4, 400);
    appendFileSync(session, line.trimEnd());
    expect(inputs(await load())).toEqual([100, 200, 400, 300, 1000]);
    appendFileSync(session, "\n");
    expect(inputs(await load())).toEqual([100, 200, 400, 300, 1000]);
  });

  it("reads a rewritten or truncated file from the start", async () => {
    await load();
    writeFileSync(session, assistant(5, 7) + assistant(6, 8) + assistant(7, 9));
    const rewritten = await load();
    expect(inputs(rewritten)).toEqual([7, 8, 9, 300, 1000]);
    truncateSync(session, 0);
    expect(inputs(await load())).toEqual([300, 1000]);
  });

  it("continues Codex's cumulative counters across incremental reads", async () => {
    await load();
    appendFileSync(rolloutPath, rollout(1500));
    const next = await load();
    expect(next.stats.bytesRead).toBe(Buffer.byteLength(rollout(1500)));
    expect(inputs(next)).toEqual([100, 200, 300, 1000, 500]);
  });

  it("gives the same entries when worker threads scan (from TypeScript source here; dist is tested in cli.test)", async () => {
    const tasks = [
      { agent: "claude" as const, path: session, fromOffset: 0 },
      { agent: "codex" as const, path: rolloutPath, fromOffset: 0, codexState: {} },
    ];
    const here = await runScans(tasks, { workers: 0 });
    const threaded = await runScans(tasks, { workers: 2, scanHere: false });
    // Codex rollouts are always read in the calling thread (their parser needs zod, workers never load it).
    expect(threaded.map((o) => o.byWorker === true)).toEqual([true, false]);
    const entries = (outcomes: typeof here) => outcomes.map((o) => batchEntries(o.result.entries));
    expect(entries(threaded)).toEqual(entries(here));
    expect(threaded.map((o) => o.result.completeOffset)).toEqual(here.map((o) => o.result.completeOffset));
    expect(here[0]!.result.entries.count).toBe(2);
  });

  it("reads everything again when the cache file is damaged", async () => {
    const first = await load();
    const [file] = readdirSync(cacheDir).filter((n) => n.startsWith("usage-"));
    const path = join(cacheDir, file!);
    for (const damage of [
      () => truncateSync(path, statSync(path).size - 5),
      () => writeFileSync(path, "not a cache"),
      () => writeFileSync(path, Buffer.alloc(4096, 7)),
    ]) {
      damage();
      const again = await load();
      expect(again.stats.cachedFiles).toBe(0);
      expect(inputs(again)).toEqual(inputs(first));
      expect((await load()).stats.cachedFiles).toBe(3); // and rebuilt
    }
  });

  it("keeps the other projects' files cached when reading one project", async () => {
    mkdirSync(join(claudeDir, "projects", "q"), { recursive: true });
    writeFileSync(join(claudeDir, "projects", "q", "s3.jsonl"), assistant(5, 500));
    const claude = (project?: string) =>
      loadUsage({ env: { CLAUDE_CONFIG_DIR: claudeDir }, agents: "claude", project, home: root, cacheDir });
    await claude();
    expect(inputs(await claude("q"))).toEqual([500]);
    appendFileSync(join(claudeDir, "projects", "q", "s3.jsonl"), assistant(6, 600));
    expect(inputs(await claude("q"))).toEqual([500, 600]);
    const all = await claude();
    expect(all.stats).toMatchObject({ files: 3, cachedFiles: 3, bytesRead: 0 });
    expect(inputs(all)).toEqual([100, 200, 300, 500, 600]);
  });

  it("forgets files that are gone", async () => {
    await load();
    rmSync(join(claudeDir, "projects", "p", "s2.jsonl"));
    expect(inputs(await load())).toEqual([100, 200, 1000]);
  });
});

describe("reading with worker threads", () => {
  it("gives the same reports as one thread, files handed over in order", async () => {
    const corpus = join(root, "threads");
    generateClaudeCorpus({ dir: corpus, targetBytes: 1_500_000, seed: 3, edgeCases: true });
    const options = {
      env: { CLAUDE_CONFIG_DIR: corpus },
      agents: "claude" as const,
      cacheDir: false as const,
    };
    for (const kind of ["daily", "session"] as const) {
      const one = await buildCostReport(kind, { ...options, workers: 0 });
      const two = await buildCostReport(kind, { ...options, workers: 2 });
      expect(two).toEqual(one);
    }
    const order: string[] = [];
    const streamed = await loadUsage({ ...options, workers: 2 });
    for (const file of streamed.files) order.push(file.file.path);
    expect(order).toEqual((await loadUsage({ ...options, workers: 0 })).files.map((f) => f.file.path));
  });
});

describe("the report cache", () => {
  it("returns an unchanged report without reading, and rebuilds it when a file changes", async () => {
    const options = {
      env: { CLAUDE_CONFIG_DIR: claudeDir, CODEX_HOME: codexDir },
      home: root,
      cacheDir,
      timeZone: "UTC",
    };
    const first = await buildCostReport("daily", options);
    const second = await buildCostReport("daily", options);
    expect(second.fromCache).toBe(true);
    expect(second.kind === "daily" && second.daily).toEqual(first.kind === "daily" && first.daily);
    const monthly = await buildCostReport("monthly", options);
    expect(monthly.fromCache).toBe(false);
    appendFileSync(session, assistant(9, 900));
    const third = await buildCostReport("daily", options);
    expect(third.fromCache).toBe(false);
    expect(third.totals.inputTokens).toBe(first.totals.inputTokens + 900);
  });
});
