// Deliveries as GitHub really sends them: sometimes twice, sometimes late and out of order, often many at once.
// A redelivery acts once; a late event never moves a session backwards; concurrent deliveries lose nothing.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { handleSessionEvent } from "../../src/sessions/handle-event.js";
import { type Harness, startHarness } from "./support/github-harness.js";
import {
  checkRun,
  issueCommentCreated,
  issuesLabeled,
  type PullRequestInput,
  pullRequest,
  review,
  testRepo,
} from "./support/payloads.js";

const sha1 = "1".repeat(40);
const sha2 = "2".repeat(40);
const sha3 = "3".repeat(40);
const headRef = "drover/42-fix-the-login-redirect";
const prAt = (headSha: string, updatedAt?: string): PullRequestInput => ({
  number: 7,
  headRef,
  headSha,
  ...(updatedAt ? { updatedAt } : {}),
});
const onPr = { number: 7, headRef };

let h: Harness;
let sessionId: string;

beforeEach(async () => {
  h = await startHarness("once");
  h.fake.permissions.set("maria", "write");
  await h.addRunner("laptop");
  await h.deliver("issues", issuesLabeled({ number: 42, title: "Fix the login redirect", label: "drover" }));
  sessionId = (await h.store.listSessions())[0]!.id;
  for (const event of [
    { type: "spawn.leased", runnerId: "laptop", id: "r1" },
    { type: "agent.spawned", runnerId: "laptop", id: "r2" },
  ] as const)
    await handleSessionEvent(h.app, sessionId, event, { repo: testRepo.fullName });
  h.fake.pulls.set(7, { state: "open", mergeable: true, headSha: sha1 });
  await h.deliver("pull_request", pullRequest("opened", prAt(sha1, "2026-11-22T10:00:00Z")));
});
afterEach(async () => h.close());

const session = async () => (await h.store.getSession(sessionId))!;
const jobsOf = async (kind: string) => (await h.store.listJobs()).filter((j) => j.payload.kind === kind);
const passed = (id: number, name: string, sha: string, minute: number) =>
  checkRun({
    id,
    name,
    sha,
    status: "completed",
    conclusion: "success",
    startedAt: `2026-11-22T11:${String(minute).padStart(2, "0")}:00Z`,
    completedAt: `2026-11-22T11:${String(minute + 1).padStart(2, "0")}:00Z`,
    pr: onPr,
  });

describe("redelivery", () => {
  it("acts once on a spawn label delivered twice", async () => {
    const payload = issuesLabeled({ number: 43, title: "Add dark mode", label: "drover" });
    await h.deliver("issues", payload, { id: "delivery-43" });
    const callsAfterFirst = h.fake.calls.filter((c) => c.method !== "GET").length;
    const again = await h.deliver("issues", payload, { id: "delivery-43" });
    expect(again.status).toBe(200);
    expect((await h.store.listSessions()).filter((s) => s.issue.key === "43")).toHaveLength(1);
    expect(
      (await jobsOf("spawn")).filter((j) => j.payload.kind === "spawn" && j.payload.issue.key === "43"),
    ).toHaveLength(1);
    // Nothing written to GitHub the second time (no second status comment, no second answer).
    expect(h.fake.calls.filter((c) => c.method !== "GET").length).toBe(callsAfterFirst);
  });

  it("acts once on a command and on a failing check delivered twice", async () => {
    const send = issueCommentCreated({
      number: 7,
      onPullRequest: true,
      commentId: 55,
      body: "/drover send try again",
    });
    await h.deliver("issue_comment", send, { id: "delivery-send" });
    await h.deliver("issue_comment", send, { id: "delivery-send" });
    expect(await jobsOf("send")).toHaveLength(1);
    expect(h.fake.commentsOn(7).filter((c) => c.body.startsWith("> /drover send"))).toHaveLength(1);

    h.fake.checkRuns.set(sha1, [
      {
        id: 601,
        name: "lint",
        status: "completed",
        conclusion: "failure",
        app: { slug: "ci-bot" },
        output: { text: "no-unused-vars" },
      },
    ]);
    const failed = checkRun({
      id: 601,
      name: "lint",
      sha: sha1,
      status: "completed",
      conclusion: "failure",
      startedAt: "2026-11-22T11:00:00Z",
      completedAt: "2026-11-22T11:02:00Z",
      pr: onPr,
      app: "ci-bot",
    });
    const listed = () => h.fake.callsTo("GET", /\/commits\/1+\/check-runs$/).length;
    const listedBefore = listed();
    await h.deliver("check_run", failed, { id: "delivery-lint" });
    await h.deliver("check_run", failed, { id: "delivery-lint" });
    // The same failure under a new delivery id (GitHub sent it again) is not a new failure either.
    await h.deliver("check_run", failed);
    const fixes = (await jobsOf("send")).filter(
      (j) => j.payload.kind === "send" && j.payload.message.includes("### lint"),
    );
    expect(fixes).toHaveLength(1);
    // Its output was fetched once.
    expect(listed() - listedBefore).toBe(1);
  });
});

describe("out of order", () => {
  it("ignores a check run for a head the PR has moved past", async () => {
    h.fake.pulls.set(7, { state: "open", mergeable: true, headSha: sha2 });
    await h.deliver("pull_request", pullRequest("synchronize", prAt(sha2, "2026-11-22T10:10:00Z")));
    await h.deliver("check_run", passed(700, "test", sha2, 20));
    expect((await session()).state).toBe("review_pending");
    await h.deliver(
      "check_run",
      checkRun({
        id: 690,
        name: "test",
        sha: sha1,
        status: "completed",
        conclusion: "failure",
        startedAt: "2026-11-22T10:05:00Z",
        completedAt: "2026-11-22T10:06:00Z",
        pr: onPr,
      }),
    );
    expect((await session()).state).toBe("review_pending");
    expect(await jobsOf("send")).toEqual([]);
  });

  it("ignores a check's earlier status delivered after its result", async () => {
    await h.deliver("check_run", passed(701, "test", sha1, 20));
    expect((await session()).state).toBe("review_pending");
    await h.deliver(
      "check_run",
      checkRun({
        id: 701,
        name: "test",
        sha: sha1,
        status: "in_progress",
        startedAt: "2026-11-22T11:20:00Z",
        pr: onPr,
      }),
    );
    expect((await session()).state).toBe("review_pending");
  });

  it("ignores a review submitted before the reviewer's latest one", async () => {
    await h.deliver("check_run", passed(702, "test", sha1, 20));
    h.fake.reviewComments.set(11, []);
    h.fake.reviewComments.set(10, []);
    const base = {
      action: "submitted" as const,
      reviewer: { login: "omar" },
      commitId: sha1,
      pr: prAt(sha1),
    };
    await h.deliver(
      "pull_request_review",
      review({ ...base, id: 11, state: "approved", submittedAt: "2026-11-22T12:00:00Z" }),
    );
    expect((await session()).state).toBe("mergeable");
    await h.deliver(
      "pull_request_review",
      review({
        ...base,
        id: 10,
        state: "changes_requested",
        submittedAt: "2026-11-22T11:50:00Z",
        body: "stale",
      }),
    );
    expect((await session()).state).toBe("mergeable");
    expect(await jobsOf("send")).toEqual([]);
  });

  it("ignores a push GitHub reported before the head it already knows", async () => {
    h.fake.pulls.set(7, { state: "open", mergeable: true, headSha: sha3 });
    await h.deliver("pull_request", pullRequest("synchronize", prAt(sha3, "2026-11-22T10:30:00Z")));
    await h.deliver("pull_request", pullRequest("synchronize", prAt(sha2, "2026-11-22T10:20:00Z")));
    expect((await session()).pr?.headSha).toBe(sha3);
  });
});

describe("concurrent deliveries for one PR", () => {
  it("loses no update when 50 arrive at once, and keeps one status comment", async () => {
    const deliveries = Array.from({ length: 50 }, (_, i) =>
      i % 2 === 0
        ? h.deliver("check_run", passed(800 + i, `check-${i}`, sha1, 10 + (i % 40)))
        : h.deliver(
            "issue_comment",
            issueCommentCreated({
              number: 7,
              onPullRequest: true,
              commentId: 900 + i,
              body: `Coverage report ${i}`,
              author: { login: "codecov[bot]", type: "Bot" },
            }),
          ),
    );
    const results = await Promise.all(deliveries);
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(200));
    const s = await session();
    expect(s.pr?.checks.filter((c) => c.sha === sha1 && c.status === "success")).toHaveLength(25);
    expect(new Set(s.memory.sentCommentIds)).toEqual(
      new Set(Array.from({ length: 25 }, (_, k) => `issue-comment:${900 + 2 * k + 1}`)),
    );
    expect(s.state).toBe("review_pending");
    expect(await jobsOf("send")).toHaveLength(25);
    const status = h.fake.commentsOn(7).filter((c) => c.body.includes("<!-- drover:status -->"));
    expect(status).toHaveLength(1);
    expect(status[0]?.body).toContain("Waiting for review");
    expect(h.fake.labels.get(7)).toEqual([]);
  });
});
