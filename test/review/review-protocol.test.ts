// Review jobs over the runner protocol (real HTTP), at their edges: a review of a PR whose session has ended
// still goes out; convoy.result is taken only from the runner holding the job, a result too big for the
// protocol is refused naming the limit, a big convoy is shortened by the runner to fit, a result sent twice is
// kept once, and an app without the GitHub App keeps the result and says why nothing was posted.
import { afterEach, describe, expect, it } from "vitest";
import { convoyResultBody } from "../../runner/review/convoy-result-body.js";
import { type ConvoyState, convoyStateSchema } from "../../src/convoy/convoy-state.js";
import { maxConvoyResultBytes } from "../../src/protocol/runner-events.js";
import { protocolVersion } from "../../src/protocol/version.js";
import { convoyLogId, readConvoy } from "../../src/server/runner/convoy-log.js";
import { handleSessionEvent } from "../../src/sessions/handle-event.js";
import { repoQueue } from "../../src/sessions/job-queues.js";
import { type ProtocolServer, startProtocolServer } from "../protocol/protocol-server.js";

let s: ProtocolServer;
afterEach(async () => s?.close());

const at = "2026-11-22T09:00:00.000Z";
const done = "2026-11-22T09:04:00.000Z";
const headSha = "c".repeat(40);

/** A finished, partial review convoy with `findings` findings (three high, the rest low). */
function finishedConvoy(findings: number): ConvoyState {
  const agent = (role: string, status: string, extra: object = {}) => ({
    role,
    agent: `${role}-reviewer`,
    description: role,
    tools: ["Read"],
    output: role === "synthesis" ? "synthesis" : "findings",
    dependsOn: [],
    timeoutMs: 600_000,
    prompt: "Review {{files}}",
    status,
    startedAt: at,
    finishedAt: done,
    ...extra,
  });
  return convoyStateSchema.parse({
    version: 1,
    id: "code-review-20261122-0900-abcd",
    template: "code-review",
    description: "Code review",
    status: "partial",
    runtime: "tmux",
    cwd: "/data/reviews/code-review-20261122-0900-abcd",
    dir: "/data/convoys/code-review-20261122-0900-abcd",
    inputs: { files: ["src/a.ts"] },
    phases: [["correctness", "security"]],
    agents: [
      agent("correctness", "succeeded", { costUsd: 0.25 }),
      agent("security", "failed", { error: "exited with code 1: overloaded", costUsd: 0.5 }),
    ],
    createdAt: at,
    updatedAt: done,
    finishedAt: done,
    result: {
      findings: Array.from({ length: findings }, (_, i) => ({
        id: `F${i + 1}`,
        fingerprint: i.toString(16).padStart(16, "0"),
        severity: i < 3 ? "high" : "low",
        file: "src/a.ts",
        line: { start: i + 1, end: i + 1 },
        title: `Problem number ${i + 1}`,
        detail: "Ünïcödé takes more bytes than characters. ".repeat(20),
        reviewers: ["correctness"],
      })),
      counts: {
        blocker: 0,
        critical: 0,
        high: Math.min(findings, 3),
        medium: 0,
        low: Math.max(0, findings - 3),
      },
      reported: findings,
      duplicatesRemoved: 0,
      priorities: [],
      missing: [{ role: "security", status: "failed", reason: "exited with code 1: overloaded" }],
      filesReviewed: 1,
      reportFile: "/data/convoys/code-review-20261122-0900-abcd/report.md",
    },
  });
}

let seq = 0;
const send = (token: string, events: Record<string, unknown>[]) =>
  s.call("POST", "/api/runner/events", {
    token,
    body: {
      protocol: protocolVersion,
      stream: "stream-review",
      events: events.map((e) => ({ seq: ++seq, at: Date.now(), ...e })),
    },
  });

async function leasedReviewJob(token: string): Promise<string> {
  await s.t.app.store.enqueueJob(
    {
      id: "review_delivery-1",
      queue: repoQueue("acme/web"),
      payload: { kind: "review", repo: "acme/web", pr: 7, template: "code-review" },
    },
    s.t.app.now(),
  );
  const res = await s.call("POST", "/api/runner/poll", {
    token,
    body: { protocol: protocolVersion, capacity: 2, running: 0, repos: ["acme/web"], leaseMs: 5_000 },
  });
  const [leased] = res.body.jobs as { id: string }[];
  return leased!.id;
}

describe("review jobs", () => {
  it("go out for a PR whose session has ended: someone asked for the review", async () => {
    s = await startProtocolServer("review-ended-session");
    const runner = await s.register("reviewer");
    await s.newSession("web-5");
    await handleSessionEvent(s.t.app, "web-5", { type: "human.kill", by: "maria", id: "k1" }, { wait: true });
    await s.t.app.store.enqueueJob(
      {
        id: "review_delivery-2",
        queue: repoQueue("acme/web"),
        sessionId: "web-5",
        payload: { kind: "review", repo: "acme/web", pr: 9, template: "code-review", sessionId: "web-5" },
      },
      s.t.app.now(),
    );
    const res = await s.call("POST", "/api/runner/poll", {
      token: runner.token,
      body: { protocol: protocolVersion, capacity: 2, running: 0, repos: ["acme/web"], leaseMs: 5_000 },
    });
    expect((res.body.jobs as { id: string }[]).map((j) => j.id)).toEqual(["review_delivery-2"]);
    expect(await s.t.app.store.getJob("review_delivery-2")).toMatchObject({
      state: "leased",
      runnerId: runner.runnerId,
    });
  });
});

describe("convoy.result", () => {
  it("is taken only from the runner holding the review job, once, and only within its size", async () => {
    s = await startProtocolServer("convoy-result");
    const holder = await s.register("holder");
    const other = await s.register("other");
    const jobId = await leasedReviewJob(holder.token);

    // The runner shortens a big convoy to fit: the report first, then the least severe findings.
    const state = finishedConvoy(2_000);
    const body = convoyResultBody(state, `# Report\n${"line of the report\n".repeat(30_000)}`, headSha);
    expect(Buffer.byteLength(JSON.stringify(body))).toBeLessThan(maxConvoyResultBytes);
    expect(body.report).toContain("…(shortened to fit; the whole report is on the runner)");
    expect(body.result.findings.length).toBeLessThan(2_000);
    expect(body.result.findings.slice(0, 3).map((f) => f.severity)).toEqual(["high", "high", "high"]);
    expect(body.result.counts).toMatchObject({ high: 3, low: 1_997 });
    expect(body.result).not.toHaveProperty("reportFile");
    expect(body.stats).toEqual({
      durationMs: 240_000,
      costUsd: 0.75,
      agents: [
        { role: "correctness", status: "succeeded", durationMs: 240_000, costUsd: 0.25 },
        {
          role: "security",
          status: "failed",
          durationMs: 240_000,
          costUsd: 0.5,
          error: "exited with code 1: overloaded",
        },
      ],
    });
    const event = { type: "convoy.result", ...body, jobId };

    // Another runner cannot speak for the job; nothing of its batch is kept.
    const refused = await send(other.token, [event]);
    expect(refused.status).toBe(403);
    expect((refused.body.details as { forbidden: unknown }).forbidden).toEqual([
      { seq, reason: `job ${jobId} is not leased to this runner` },
    ]);
    expect(await readConvoy(s.t.app, state.id)).toBeUndefined();

    // Too big as sent: refused, naming the limit.
    const huge = {
      ...event,
      report: "x".repeat(150_000),
      result: { ...event.result, findings: finishedConvoy(500).result!.findings },
    };
    const tooBig = await send(holder.token, [huge]);
    expect(tooBig.status).toBe(400);
    expect(String(tooBig.body.error)).toContain(
      `a convoy result may take ${maxConvoyResultBytes} bytes as JSON`,
    );

    // Sent twice (an answer lost on the way): kept once.
    const batch = { seq: ++seq, at: Date.now(), ...event };
    for (let i = 0; i < 2; i++) {
      const res = await s.call("POST", "/api/runner/events", {
        token: holder.token,
        body: { protocol: protocolVersion, stream: "stream-review", events: [batch] },
      });
      expect(res.status).toBe(200);
    }
    await s.t.app.settle();
    const convoy = await readConvoy(s.t.app, state.id);
    expect(convoy).toMatchObject({
      jobId,
      runnerId: holder.runnerId,
      repo: "acme/web",
      pr: 7,
      status: "partial",
      result: { headSha, template: "code-review", stats: { costUsd: 0.75 } },
    });
    expect(convoy?.review).toBeUndefined();
    // No GitHub App on this app: the result is kept, and the log says why no review was posted.
    expect(convoy?.reviewError).toContain("The GitHub App is not configured here");
    const kinds = (await s.t.app.store.readLog(convoyLogId(state.id))).map((e) => e.kind);
    expect(kinds.filter((k) => k === "result")).toHaveLength(1);
  });
});
