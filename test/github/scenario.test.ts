// The whole life of a session as GitHub drives it, through the server `drover serve` runs, over real HTTP:
// signed webhooks in, the nock'd GitHub API out, runner jobs read from the store's queues.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionEvent } from "../../src/core/events.js";
import type { RunnerJob } from "../../src/protocol/jobs.js";
import { handleSessionEvent } from "../../src/sessions/handle-event.js";
import type { JobRecord } from "../../src/store/store.js";
import { type Harness, startHarness } from "./support/github-harness.js";
import { checkRun, issuesLabeled, pullRequest, review, testRepo } from "./support/payloads.js";

const sha1 = "1".repeat(40);
const sha2 = "2".repeat(40);
const sha3 = "3".repeat(40);
const headRef = "drover/42-fix-the-login-redirect";
const pr = (headSha: string, extra: Partial<Parameters<typeof pullRequest>[1]> = {}) => ({
  number: 7,
  headRef,
  headSha,
  body: "Redirects to /home after login.\n\nCloses #42",
  ...extra,
});

const actionsLog = [
  "2026-11-22T09:01:00.0000000Z ##[group]Run actions/checkout@v4",
  "2026-11-22T09:01:01.0000000Z Syncing repository: acme/web",
  "2026-11-22T09:01:05.0000000Z ##[endgroup]",
  "2026-11-22T09:02:00.0000000Z ##[group]Run npm test",
  "2026-11-22T09:02:00.0000000Z npm test",
  "2026-11-22T09:02:00.0000000Z ##[endgroup]",
  "2026-11-22T09:02:01.0000000Z > web@1.0.0 test",
  "2026-11-22T09:02:03.0000000Z  FAIL  src/login.test.ts > redirects after login",
  "2026-11-22T09:02:03.0000000Z AssertionError: expected '/404' to be '/home'",
  "2026-11-22T09:02:04.0000000Z ##[error]Process completed with exit code 1.",
  "2026-11-22T09:02:05.0000000Z Post job cleanup.",
].join("\n");

let h: Harness;
let sessionId: string;

beforeAll(async () => {
  h = await startHarness("scenario");
  h.fake.permissions.set("maria", "write");
  await h.addRunner("laptop");
});
afterAll(async () => h?.close());

async function lease(queue: string): Promise<JobRecord[]> {
  const jobs = await h.store.leaseJobs("laptop", [queue], 20, 60_000, h.clock.now);
  for (const job of jobs) await h.store.finishJob("laptop", job.id, { ok: true }, h.clock.now);
  return jobs;
}

/** What the runner reports, through the session service (the runner protocol is not under test here). */
async function runnerSays(event: SessionEvent) {
  await handleSessionEvent(h.app, sessionId, event, { repo: testRepo.fullName });
  await h.app.settle();
}

const state = async () => (await h.store.getSession(sessionId))?.state;
const prComments = () => h.fake.commentsOn(7);
const sentMessages = (jobs: JobRecord[]) =>
  jobs.map((j) => j.payload).filter((p): p is Extract<RunnerJob, { kind: "send" }> => p.kind === "send");

describe("a session driven by GitHub through drover serve", () => {
  it("issue labeled → a spawn job for a runner that has the repo, and a status comment on the issue", async () => {
    const res = await h.deliver(
      "issues",
      issuesLabeled({ number: 42, title: "Fix the login redirect", label: "drover" }),
    );
    expect(res.status).toBe(200);
    const [spawn, ...rest] = await lease(`repo:${testRepo.fullName}`);
    expect(rest).toEqual([]);
    expect(spawn?.payload).toMatchObject({
      kind: "spawn",
      repo: "acme/web",
      branch: headRef,
      agent: "claude-code",
    });
    expect(spawn?.payload.kind === "spawn" && spawn.payload.prompt).toContain("Resolve issue #42");
    sessionId = spawn!.sessionId!;
    expect(h.fake.commentsOn(42)).toHaveLength(1);
    expect(h.fake.commentsOn(42)[0]?.body).toContain("Queued");

    await runnerSays({ type: "spawn.leased", runnerId: "laptop", id: "r1" });
    await runnerSays({ type: "agent.spawned", runnerId: "laptop", id: "r2" });
    expect(await state()).toBe("working");
  });

  it("PR opened from the session's branch → attached, labelled working, its own status comment", async () => {
    h.fake.pulls.set(7, { state: "open", mergeable: true, headSha: sha1 });
    await h.deliver("pull_request", pullRequest("opened", pr(sha1, { updatedAt: "2026-11-22T10:00:00Z" })));
    const session = await h.store.getSession(sessionId);
    expect(session).toMatchObject({ state: "pr_open", pr: { number: 7, headSha: sha1, mergeable: true } });
    expect(h.fake.labels.get(7)).toEqual(["drover:working"]);
    expect(prComments()).toHaveLength(1);
    expect(prComments()[0]?.body).toContain("PR open");
    // The issue's status comment now points at the PR.
    expect(h.fake.commentsOn(42)[0]?.body).toContain("status comment there follows the session");
  });

  it("CI failed → a fix job naming the check, with its failure excerpt and the default branch's verdict", async () => {
    h.fake.checkRuns.set(sha1, [
      {
        id: 501,
        name: "test",
        status: "completed",
        conclusion: "failure",
        app: { slug: "github-actions" },
        output: { title: "1 test failed", annotations_count: 1 },
      },
    ]);
    h.fake.annotations.set(501, [
      {
        path: "src/login.ts",
        start_line: 12,
        annotation_level: "failure",
        message: "Redirect target is /404",
      },
    ]);
    h.fake.jobLogs.set(501, actionsLog);
    h.fake.checkRuns.set("main", [
      { id: 900, name: "test", status: "completed", conclusion: "success", app: { slug: "github-actions" } },
    ]);
    const checkPr = { number: 7, headRef };
    await h.deliver(
      "check_run",
      checkRun({
        id: 501,
        name: "test",
        sha: sha1,
        status: "in_progress",
        startedAt: "2026-11-22T10:01:00Z",
        pr: checkPr,
      }),
    );
    await h.deliver(
      "check_run",
      checkRun({
        id: 501,
        name: "test",
        sha: sha1,
        status: "completed",
        conclusion: "failure",
        startedAt: "2026-11-22T10:01:00Z",
        completedAt: "2026-11-22T10:03:00Z",
        pr: checkPr,
      }),
    );
    expect(await state()).toBe("ci_failed");
    expect(h.fake.labels.get(7)).toEqual(["drover:ci-failed"]);
    const [fix] = sentMessages(await lease("runner:laptop"));
    expect(fix?.message).toContain("### test");
    expect(fix?.message).toContain("AssertionError: expected '/404' to be '/home'");
    expect(fix?.message).toContain("src/login.ts:12 (failure) Redirect target is /404");
    expect(fix?.message).not.toContain("actions/checkout");
    expect(fix?.message).toContain("passes on the default branch");
    expect(fix?.message).toContain("attempt 1 of 2");
  });

  it("the agent pushes, CI passes → waiting for review", async () => {
    h.fake.pulls.set(7, { state: "open", mergeable: true, headSha: sha2 });
    await h.deliver(
      "pull_request",
      pullRequest("synchronize", pr(sha2, { updatedAt: "2026-11-22T10:10:00Z" })),
    );
    expect(await state()).toBe("pr_open");
    await h.deliver(
      "check_run",
      checkRun({
        id: 502,
        name: "test",
        sha: sha2,
        status: "completed",
        conclusion: "success",
        startedAt: "2026-11-22T10:11:00Z",
        completedAt: "2026-11-22T10:13:00Z",
        pr: { number: 7, headRef },
      }),
    );
    expect(await state()).toBe("review_pending");
  });

  it("changes requested → an address job with every comment's file:line and text", async () => {
    h.fake.reviewComments.set(301, [
      {
        id: 7001,
        user: { login: "omar", type: "User" },
        body: "Redirect to /home, not /",
        path: "src/login.ts",
        line: 12,
      },
      {
        id: 7002,
        user: { login: "omar", type: "User" },
        body: "Add a test for the redirect",
        path: "src/login.test.ts",
        line: 30,
      },
    ]);
    await h.deliver(
      "pull_request_review",
      review({
        action: "submitted",
        id: 301,
        state: "changes_requested",
        reviewer: { login: "omar" },
        commitId: sha2,
        submittedAt: "2026-11-22T10:20:00Z",
        body: "Almost there.",
        pr: pr(sha2),
      }),
    );
    expect(await state()).toBe("changes_requested");
    const [address] = sentMessages(await lease("runner:laptop"));
    expect(address?.message).toContain("Review by @omar: Almost there.");
    expect(address?.message).toContain("[src/login.ts:12] @omar: Redirect to /home, not /");
    expect(address?.message).toContain("[src/login.test.ts:30] @omar: Add a test for the redirect");
  });

  it("approved, green and conflict-free → ready to merge (a notice, and the status comment says so)", async () => {
    h.fake.pulls.set(7, { state: "open", mergeable: true, headSha: sha3 });
    await h.deliver(
      "pull_request",
      pullRequest("synchronize", pr(sha3, { updatedAt: "2026-11-22T10:30:00Z" })),
    );
    await h.deliver(
      "check_run",
      checkRun({
        id: 503,
        name: "test",
        sha: sha3,
        status: "completed",
        conclusion: "success",
        startedAt: "2026-11-22T10:31:00Z",
        completedAt: "2026-11-22T10:33:00Z",
        pr: { number: 7, headRef },
      }),
    );
    h.fake.reviewComments.set(302, []);
    await h.deliver(
      "pull_request_review",
      review({
        action: "submitted",
        id: 302,
        state: "approved",
        reviewer: { login: "omar" },
        commitId: sha3,
        submittedAt: "2026-11-22T10:40:00Z",
        pr: pr(sha3),
      }),
    );
    expect(await state()).toBe("mergeable");
    expect(h.notifications.map((n) => n.notification)).toContainEqual(
      expect.objectContaining({ kind: "ready-to-merge", title: "PR #7 is ready to merge" }),
    );
    expect(h.fake.labels.get(7)).toEqual(["drover:ready"]);
    expect(prComments()[0]?.body).toContain("Ready to merge: approved, CI green, no conflicts.");
    expect(h.fake.merges).toEqual([]);
  });

  it("auto-merge turned on with the label → the merge call, with the repo's allowed method at the approved head", async () => {
    await h.deliver(
      "pull_request",
      pullRequest("labeled", { ...pr(sha3), label: "drover:automerge", sender: { login: "maria" } }),
    );
    expect(h.fake.merges).toEqual([{ number: 7, merge_method: "squash", sha: sha3 }]);
  });

  it("merged → a cleanup job for the runner, labels cleared, one status comment per issue and PR", async () => {
    h.fake.pulls.set(7, { state: "closed", mergeable: null, headSha: sha3 });
    await h.deliver("pull_request", pullRequest("closed", { ...pr(sha3), state: "closed", merged: true }));
    expect(await state()).toBe("merged");
    const jobs = await lease("runner:laptop");
    expect(jobs.map((j) => j.payload.kind)).toEqual(["cleanup"]);
    expect(h.fake.labels.get(7)).toEqual([]);
    expect(prComments()).toHaveLength(1);
    expect(prComments()[0]?.body).toContain("Merged");
    expect(h.fake.commentsOn(42)).toHaveLength(1);
    await runnerSays({ type: "cleanup.done", id: "r3" });
    expect(await state()).toBe("done");
  });
});
