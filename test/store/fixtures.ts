// Records for the store tests: valid sessions, jobs, runners and cost reports with just the fields a test
// cares about changed.
import { randomBytes } from "node:crypto";
import type { RunnerJob } from "../../src/core/effects.js";
import { emptyMemory, type Session } from "../../src/core/session.js";
import type { CostReport, NewJob, RunnerRecord } from "../../src/store/store.js";

export const t0 = Date.UTC(2026, 10, 22, 9);

/** A key prefix of its own for each store a test opens on the shared redis-server. */
export function uniquePrefix(name: string): string {
  return `test:${name}:${randomBytes(6).toString("hex")}:`;
}

export function uniqueId(name: string): string {
  return `${name}-${randomBytes(4).toString("hex")}`;
}

export function makeSession(overrides: Partial<Session> & { id: string }): Session {
  const issueKey = overrides.issue?.key ?? "42";
  return {
    repo: "acme/widgets",
    issue: {
      tracker: "github",
      key: issueKey,
      number: 42,
      title: "Make the widget spin — «faster» 🚀",
      url: "https://github.com/acme/widgets/issues/42",
      assignees: [],
    },
    state: "queued",
    agent: "claude-code",
    branch: `drover/${issueKey}-make-the-widget-spin`,
    autoMerge: false,
    createdAt: t0,
    updatedAt: t0,
    agentFacts: { phase: "queued", busy: false, stuck: false, lastActivityAt: t0 },
    memory: emptyMemory(),
    cost: { usd: 0, tokens: 0 },
    seenEvents: [],
    ...overrides,
  };
}

export function withPr(session: Session, number: number): Session {
  return {
    ...session,
    state: "pr_open",
    pr: {
      number,
      url: `https://github.com/${session.repo}/pull/${number}`,
      headSha: "a".repeat(40),
      baseRef: "main",
      status: "open",
      mergeable: null,
      checks: [],
      supersededShas: [],
      reviews: {},
    },
  };
}

export function spawnJob(sessionId: string): RunnerJob {
  return {
    kind: "spawn",
    sessionId,
    repo: "acme/widgets",
    issue: {
      tracker: "github",
      key: "42",
      title: "Spin",
      url: "https://github.com/acme/widgets/issues/42",
      assignees: [],
    },
    branch: "drover/42-spin",
    agent: "claude-code",
    prompt: "Fix issue #42.\nKeep the tests green — «please».",
    recovery: false,
  };
}

export function makeJob(id: string, queue: string, sessionId = "s-1"): NewJob {
  return { id, queue, sessionId, payload: spawnJob(sessionId) };
}

export function makeRunner(id: string, overrides: Partial<RunnerRecord> = {}): RunnerRecord {
  return {
    id,
    name: `laptop ${id}`,
    secretHash: "f".repeat(64),
    repos: ["acme/widgets"],
    capacity: 2,
    createdAt: t0,
    lastSeenAt: t0,
    revoked: false,
    ...overrides,
  };
}

export function costReport(overrides: Partial<CostReport> = {}): CostReport {
  return {
    sessionId: "s-1",
    repo: "acme/widgets",
    issueKey: "42",
    agentSessionId: "agent-1",
    model: "claude-sonnet-4-5",
    day: "2026-11-22",
    inputTokens: 0,
    outputTokens: 0,
    cacheCreationTokens: 0,
    cacheReadTokens: 0,
    usd: 0,
    ...overrides,
  };
}

/** Polls until `check` is true, for TTLs: no assumption about how fast the machine is, only a generous cap. */
export async function eventually(check: () => Promise<boolean>, what: string, capMs = 10_000): Promise<void> {
  const deadline = Date.now() + capMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${capMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
