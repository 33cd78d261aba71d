// The fix prompt's evidence, fetched after the webhook was answered: check run output and annotations, a commit
// status's description, whether the default branch fails too; and a prompt that still goes out when GitHub
// keeps failing to give the output.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RunnerJob } from "../../src/protocol/jobs.js";
import { handleSessionEvent } from "../../src/sessions/handle-event.js";
import { sweep } from "../../src/sessions/sweep.js";
import { type Harness, startHarness } from "./support/github-harness.js";
import { checkRun, commitStatus, issuesLabeled, pullRequest, testRepo } from "./support/payloads.js";

const sha = "1".repeat(40);
const headRef = "drover/42-fix-the-login-redirect";
let h: Harness;
let sessionId: string;

beforeEach(async () => {
  h = await startHarness("ci-output");
  h.fake.permissions.set("maria", "write");
  await h.addRunner("laptop");
  await h.deliver("issues", issuesLabeled({ number: 42, title: "Fix the login redirect", label: "drover" }));
  sessionId = (await h.store.listSessions())[0]!.id;
  for (const event of [
    { type: "spawn.leased", runnerId: "laptop", id: "r1" },
    { type: "agent.spawned", runnerId: "laptop", id: "r2" },
  ] as const)
    await handleSessionEvent(h.app, sessionId, event, { repo: testRepo.fullName });
  h.fake.pulls.set(7, { state: "open", mergeable: true, headSha: sha });
  await h.deliver("pull_request", pullRequest("opened", { number: 7, headRef, headSha: sha }));
});
afterEach(async () => h.close());

const fixPrompts = async () =>
  (await h.store.listJobs())
    .map((j) => j.payload)
    .filter((p): p is Extract<RunnerJob, { kind: "send" }> => p.kind === "send");

const failedRun = (id: number, name: string, app: "github-actions" | "ci-bot") =>
  checkRun({
    id,
    name,
    sha,
    status: "completed",
    conclusion: "failure",
    startedAt: "2026-11-22T10:00:00Z",
    completedAt: "2026-11-22T10:04:00Z",
    pr: { number: 7, headRef },
    app,
  });

describe("what the fix prompt is told", () => {
  it("a third-party check's own output, and that it fails on the default branch too", async () => {
    h.fake.checkRuns.set(sha, [
      {
        id: 11,
        name: "lint",
        status: "completed",
        conclusion: "failure",
        app: { slug: "ci-bot" },
        output: { title: "2 problems", text: "src/a.ts:3 no-unused-vars\nsrc/b.ts:9 eqeqeq" },
      },
    ]);
    h.fake.checkRuns.set("main", [
      { id: 91, name: "lint", status: "completed", conclusion: "failure", app: { slug: "ci-bot" } },
    ]);
    await h.deliver("check_run", failedRun(11, "lint", "ci-bot"));
    const [fix] = await fixPrompts();
    expect(fix?.message).toContain("### lint");
    expect(fix?.message).toContain("src/b.ts:9 eqeqeq");
    expect(fix?.message).toContain("also fails on the default branch");
    expect(h.fake.callsTo("GET", /\/actions\/jobs\//)).toEqual([]);
  });

  it("a commit status's description, with the default branch's combined status", async () => {
    h.fake.statuses.set(sha, [{ context: "ci/circleci", state: "failure", description: "3 tests failed" }]);
    h.fake.statuses.set("main", [{ context: "ci/circleci", state: "success" }]);
    await h.deliver(
      "status",
      commitStatus({
        sha,
        context: "ci/circleci",
        state: "failure",
        branch: headRef,
        description: "3 tests failed",
        updatedAt: "2026-11-22T10:05:00Z",
      }),
    );
    expect((await h.store.getSession(sessionId))?.state).toBe("ci_failed");
    const [fix] = await fixPrompts();
    expect(fix?.message).toContain("### ci/circleci (https://ci.example.test/builds/ci/circleci)");
    expect(fix?.message).toContain("3 tests failed");
    expect(fix?.message).toContain("passes on the default branch");
  });

  it("the annotations alone when the job's log is gone", async () => {
    h.fake.checkRuns.set(sha, [
      {
        id: 12,
        name: "typecheck",
        status: "completed",
        conclusion: "failure",
        app: { slug: "github-actions" },
        output: { annotations_count: 1 },
      },
    ]);
    h.fake.annotations.set(12, [
      {
        path: "src/api.ts",
        start_line: 40,
        annotation_level: "failure",
        message: "TS2322: Type 'string' is not assignable",
      },
    ]);
    await h.deliver("check_run", failedRun(12, "typecheck", "github-actions"));
    const [fix] = await fixPrompts();
    expect(fix?.message).toContain("src/api.ts:40 (failure) TS2322");
    expect(h.fake.callsTo("GET", /\/actions\/jobs\/12\/logs$/)).toHaveLength(1);
  });
});

describe("when GitHub does not give the output", () => {
  it("shows the failure at once, retries from the sweep, and after three tries sends the prompt without it", async () => {
    h.fake.fail("GET", /\/commits\/1+\/check-runs$/, 500, "Server Error", 3);
    await h.deliver("check_run", failedRun(13, "test", "github-actions"));
    const session = await h.store.getSession(sessionId);
    expect(session?.state).toBe("ci_failed");
    expect(session?.outbox?.map((p) => p.effect.type)).toEqual(["collect_ci_output"]);
    expect(h.fake.commentsOn(7)[0]?.body).toContain("Collecting the failing output of `test` for the agent.");
    expect(await fixPrompts()).toEqual([]);

    h.clock.now += 61_000;
    await sweep(h.app);
    await h.app.settle();
    expect(await fixPrompts()).toEqual([]);
    h.clock.now += 121_000;
    await sweep(h.app);
    await h.app.settle();
    const [fix] = await fixPrompts();
    expect(fix?.message).toContain("### test");
    expect(fix?.message).toContain("(no output: Drover could not fetch it:");
    expect((await h.store.getSession(sessionId))?.outbox).toEqual([]);
  });
});
