// Drover's totals equal ccusage 20.0.24's on generated corpora: per day, month and session, tokens exactly
// and cost to $0.000001 — including the odd lines ccusage has rules for, other time zones, filters and modes.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCostReport, type CostReportOptions } from "../../src/cost/build-cost-report.js";
import { ensureCcusage, runCcusage } from "../support/cost-ccusage.js";
import {
  codexRowToClaudeShape,
  compareCodexSessions,
  compareDaily,
  compareMonthly,
  compareSessions,
} from "../support/cost-compare.js";
import { claudeCorpusFeatures, generateClaudeCorpus, generateCodexCorpus } from "../support/cost-corpus.js";

const root = mkdtempSync(join(tmpdir(), "drover-parity-"));
const claudeEdge = join(root, "claude-edge");
const claudePlain = join(root, "claude-plain");
const codex = join(root, "codex");

beforeAll(() => {
  ensureCcusage();
  generateClaudeCorpus({ dir: claudeEdge, targetBytes: 2_500_000, seed: 11, edgeCases: true });
  generateClaudeCorpus({
    dir: claudePlain,
    targetBytes: 2_500_000,
    seed: 12,
    startDate: "2025-10-20",
    days: 50,
  });
  generateCodexCorpus({ dir: codex, targetBytes: 2_000_000, seed: 13 });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

type AnyRows = { daily?: never[]; monthly?: never[]; sessions?: never[] };
async function drover(kind: "daily" | "monthly" | "session", options: CostReportOptions) {
  return buildCostReport(kind, { cacheDir: false, timeZone: "UTC", ...options });
}

describe.each([
  ["with the odd lines ccusage has rules for", claudeEdge],
  ["spanning months", claudePlain],
])("Claude Code corpus %s", (_, dir) => {
  const env = { CLAUDE_CONFIG_DIR: dir };
  const options: CostReportOptions = { agents: "claude", env };

  it("exercises every feature the issue lists", () => {
    const features = claudeCorpusFeatures(dir);
    for (const [name, count] of Object.entries(features))
      expect({ [name]: count }).not.toEqual({ [name]: 0 });
  });

  it("has the same daily report", async () => {
    const ours = await drover("daily", options);
    const theirs = runCcusage<AnyRows>(["claude", "daily"], env).json;
    expect(ours.kind === "daily" && ours.daily.length).toBeGreaterThan(5);
    expect(compareDaily(ours.kind === "daily" ? ours.daily : [], theirs.daily!)).toEqual([]);
  });

  it("has the same session report, in the same order", async () => {
    const ours = await drover("session", options);
    const theirs = runCcusage<AnyRows>(["claude", "session"], env).json;
    expect(compareSessions(ours.kind === "session" ? ours.sessions : [], theirs.sessions!)).toEqual([]);
  });

  it("has the same monthly report", async () => {
    const ours = await drover("monthly", options);
    const theirs = runCcusage<AnyRows>(["claude", "monthly"], env).json;
    expect(compareMonthly(ours.kind === "monthly" ? ours.monthly : [], theirs.monthly!)).toEqual([]);
  });

  it.each(["America/New_York", "Asia/Kolkata"])("groups days the same way in %s", async (timeZone) => {
    const ours = await drover("daily", { ...options, timeZone });
    const theirs = runCcusage<AnyRows>(["claude", "daily"], env, timeZone).json;
    expect(compareDaily(ours.kind === "daily" ? ours.daily : [], theirs.daily!)).toEqual([]);
  });

  it.each(["calculate", "display"] as const)("prices the same in %s mode", async (mode) => {
    const ours = await drover("daily", { ...options, mode });
    const theirs = runCcusage<AnyRows>(["claude", "daily", "--mode", mode], env).json;
    expect(compareDaily(ours.kind === "daily" ? ours.daily : [], theirs.daily!)).toEqual([]);
  });

  it("filters days the same way", async () => {
    const ours = await drover("session", { ...options, since: "20250905", until: "2025-11-10" });
    const theirs = runCcusage<AnyRows>(
      ["claude", "session", "--since", "20250905", "--until", "20251110"],
      env,
    ).json;
    expect(compareSessions(ours.kind === "session" ? ours.sessions : [], theirs.sessions!)).toEqual([]);
  });
});

describe("Codex corpus", () => {
  const env = { CODEX_HOME: codex };
  const options: CostReportOptions = { agents: "codex", env };

  it("has the same daily tokens and cost", async () => {
    const ours = await drover("daily", options);
    const theirs = runCcusage<{ daily: Record<string, unknown>[] }>(["codex", "daily"], env).json;
    expect(ours.kind === "daily" && ours.daily.length).toBeGreaterThan(5);
    expect(
      compareDaily(ours.kind === "daily" ? ours.daily : [], theirs.daily.map(codexRowToClaudeShape) as never),
    ).toEqual([]);
  });

  it("has the same sessions", async () => {
    const ours = await drover("session", options);
    const theirs = runCcusage<{
      sessions: (Record<string, unknown> & { sessionId: string; lastActivity: string })[];
    }>(["codex", "session"], env).json;
    expect(compareCodexSessions(ours.kind === "session" ? ours.sessions : [], theirs.sessions)).toEqual([]);
  });
});
