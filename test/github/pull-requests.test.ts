// Following pull requests: which PRs attach to a session, merge conflicts from the payload or a follow-up
// fetch, bots' inline comments, and the labels that act as commands on a PR.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RunnerJob } from "../../src/protocol/jobs.js";
import { handleSessionEvent } from "../../src/sessions/handle-event.js";
import { type Harness, startHarness } from "./support/github-harness.js";
import {
  checkRun,
  issuesLabeled,
  type PullRequestInput,
  pullRequest,
  reviewCommentCreated,
  testRepo,
} from "./support/payloads.js";

const sha = "1".repeat(40);
const branch = "drover/42-fix-the-login-redirect";
let h: Harness;
let sessionId: string;

beforeEach(async () => {
  h = await startHarness("pull-requests");
  h.fake.permissions.set("maria", "write");
  h.fake.permissions.set("rita", "read");
  await h.addRunner("laptop");
  await h.deliver("issues", issuesLabeled({ number: 42, title: "Fix the login redirect", label: "drover" }));
  sessionId = (await h.store.listSessions())[0]!.id;
  await handleSessionEvent(h.app, sessionId, { type: "agent.spawned", runnerId: "laptop", id: "r1" }, {});
  h.fake.pulls.set(7, { state: "open", mergeable: true, headSha: sha });
});
afterEach(async () => h.close());

const session = async () => (await h.store.getSession(sessionId))!;
const messages = async () =>
  (await h.store.listJobs())
    .map((j) => j.payload)
    .filter((p): p is Extract<RunnerJob, { kind: "send" }> => p.kind === "send")
    .map((p) => p.message);
const open = (input: Partial<PullRequestInput>, action = "opened") =>
  h.deliver("pull_request", pullRequest(action, { number: 7, headRef: branch, headSha: sha, ...input }));

describe("which PR attaches", () => {
  it("one from another branch that says it fixes the session's issue", async () => {
    await open({ headRef: "maria/login-fix", body: "This fixes #42." });
    expect((await session()).pr?.number).toBe(7);
  });

  it("not one from a fork, whatever it says", async () => {
    await open({ headRef: branch, body: "Closes #42", fork: true });
    expect((await session()).pr).toBeUndefined();
  });

  it("one whose description is edited to close the issue", async () => {
    await open({ headRef: "maria/login-fix", body: "WIP" });
    expect((await session()).pr).toBeUndefined();
    await open({ headRef: "maria/login-fix", body: "Resolves #42" }, "edited");
    expect((await session()).pr?.number).toBe(7);
  });

  it("one a check run reveals before its pull_request event arrives", async () => {
    await h.deliver(
      "check_run",
      checkRun({
        id: 1,
        name: "test",
        sha,
        status: "in_progress",
        startedAt: "2026-11-22T10:00:00Z",
        pr: { number: 7, headRef: branch },
      }),
    );
    const s = await session();
    expect(s.pr).toMatchObject({ number: 7, url: `${testRepo.htmlUrl}/pull/7`, headSha: sha });
    expect(s.pr?.checks).toMatchObject([{ name: "test", status: "pending" }]);
  });
});

describe("merge conflicts", () => {
  it("from the PR payload: the agent is asked to rebase", async () => {
    await open({ mergeable: false });
    expect((await session()).pr?.mergeable).toBe(false);
    expect((await messages()).some((m) => m.includes("merge conflicts with `main`"))).toBe(true);
  });

  it("from a follow-up fetch when the payload does not know yet", async () => {
    h.fake.pulls.set(7, { state: "open", mergeable: false, headSha: sha });
    await open({ mergeable: null });
    expect(h.fake.callsTo("GET", /\/pulls\/7$/)).toHaveLength(1);
    expect((await session()).pr?.mergeable).toBe(false);
    expect((await messages()).some((m) => m.includes("Rebase onto the latest `origin/main`"))).toBe(true);
  });
});

describe("inline comments", () => {
  it("hands a bot's inline comment to the agent with its file and line", async () => {
    await open({});
    await h.deliver(
      "pull_request_review_comment",
      reviewCommentCreated({
        id: 88,
        author: { login: "sonar[bot]", type: "Bot" },
        body: "Cognitive complexity 17 > 15",
        path: "src/login.ts",
        line: 20,
        pr: { number: 7, headRef: branch, headSha: sha },
      }),
    );
    const [message] = await messages();
    expect(message).toContain("[src/login.ts:20] @sonar[bot]: Cognitive complexity 17 > 15");
  });

  it("leaves a person's inline comment to arrive with their review", async () => {
    await open({});
    await h.deliver(
      "pull_request_review_comment",
      reviewCommentCreated({
        id: 89,
        author: { login: "omar" },
        body: "nit: rename",
        path: "src/login.ts",
        line: 3,
        pr: { number: 7, headRef: branch, headSha: sha },
      }),
    );
    expect(await messages()).toEqual([]);
  });
});

describe("labels on a PR", () => {
  it("drover:review queues a review for a runner with the repo and comes off again", async () => {
    await open({});
    h.fake.labels.set(7, ["drover:working", "drover:review"]);
    await open({ label: "drover:review", sender: { login: "maria" } }, "labeled");
    const reviews = (await h.store.listJobs()).filter((j) => j.payload.kind === "review");
    expect(reviews).toMatchObject([{ queue: "repo:acme/web", payload: { pr: 7, template: "code-review" } }]);
    expect(h.fake.labels.get(7)).toEqual(["drover:working"]);
  });

  it("drover:review on any PR of the repo, also one without a session", async () => {
    h.fake.labels.set(9, ["drover:review"]);
    await h.deliver(
      "pull_request",
      pullRequest("labeled", {
        number: 9,
        headRef: "maria/docs",
        headSha: "9".repeat(40),
        label: "drover:review",
        sender: { login: "maria" },
      }),
    );
    const [job] = (await h.store.listJobs()).filter((j) => j.payload.kind === "review");
    expect(job?.payload).toMatchObject({ kind: "review", pr: 9 });
    expect(job?.payload).not.toHaveProperty("sessionId");
  });

  it("is refused for people without write access, and auto-merge turns off with its label", async () => {
    await open({});
    await open({ label: "drover:review", sender: { login: "rita" } }, "labeled");
    expect((await h.store.listJobs()).filter((j) => j.payload.kind === "review")).toEqual([]);
    expect(h.fake.commentsOn(7).map((c) => c.body)).toContain(
      "@rita only people with write access to acme/web can make Drover act.",
    );
    await open({ label: "drover:automerge", sender: { login: "maria" } }, "labeled");
    expect((await session()).autoMerge).toBe(true);
    await open({ label: "drover:automerge", sender: { login: "maria" } }, "unlabeled");
    expect((await session()).autoMerge).toBe(false);
  });
});
