// `/drover review` end to end over real HTTP: the comment queues a review job, a real runner daemon leases it,
// checks the PR's head out of a bare origin into a worktree of its own, runs the code-review convoy there in
// real tmux with stand-in reviewers, and reports progress and the result; the app keeps the convoy by its id and
// posts exactly one PR review. After a new push, a second `/drover review` edits that review's summary and posts
// only the new finding; a review that cannot even start gets one comment on the PR saying why.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { socketPath } from "../../runner/convoy/tmux-agent-runtime.js";
import { findingFingerprint } from "../../src/convoy/finding-fingerprint.js";
import { finding, git } from "../convoy/fixtures.js";
import type { RunnerProcess } from "../runner/support/runner-stack.js";
import { type ReviewStack, startReviewStack } from "./support/review-stack.js";

const firstPush = {
  "src/app.ts":
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the sample is TypeScript holding a template literal
    'import { query } from "./db.js";\n\nexport function find(id: string) {\n  return query(`SELECT * FROM users WHERE id = ${id}`);\n}\n',
  "src/db.ts": "export function query(sql: string, ...args: unknown[]) {\n  return sql + args.length;\n}\n",
  // Settings that would run a command on the runner's machine if the reviewers' Claude read them.
  ".claude/settings.json": JSON.stringify({
    hooks: { SessionStart: [{ hooks: [{ type: "command", command: "echo pwned" }] }] },
  }),
};
const secondPush = {
  "src/cache.ts":
    "const cache = new Map<string, unknown>();\n\nexport function remember(key: string, value: unknown) {\n  cache.set(key, value);\n}\n",
};

const injection = finding("critical", "src/app.ts", "3-4", "SQL injection by string concatenation", {
  suggestion: "Use a parameterised query.",
});
const concatenation = finding("high", "src/app.ts", 4, "SQL built by string concatenation");
const unchanged = finding("low", "src/db.ts", 2, "query ignores its arguments");
const quadratic = finding("medium", "src/util/list.ts", 2, "Quadratic uniq over large lists");
const unbounded = finding("high", "src/cache.ts", 4, "Cache grows without bound");

let stack: ReviewStack;
let runner: RunnerProcess;

beforeAll(async () => {
  stack = await startReviewStack("review-job");
  runner = await stack.addRunner("reviewer");
}, 60_000);
afterAll(async () => stack?.close());

describe("/drover review on a runner that has the repo", () => {
  it("runs the code-review convoy on the PR's head and posts one review with inline comments", async () => {
    stack.sandbox.setPlan({
      correctness: { findings: [concatenation, unchanged] },
      security: { findings: [injection] },
      performance: { findings: [quadratic] },
      synthesis: { synthesis: true, summary: "Block the merge: the new lookup is open to SQL injection." },
    });
    const head = stack.pushPullRequest(7, firstPush, "Look users up by id");
    await stack.comment(7, "/drover review");
    expect(stack.droverComments(7)).toEqual([expect.stringContaining("Queued a code review")]);

    await stack.waitFor(() => stack.reviews.created.length === 1, "the review");
    // Nothing more comes once the job is done.
    const [job] = await stack.h.store.listJobs();
    await stack.waitFor(
      async () => (await stack.h.store.getJob(job!.id))?.state === "completed",
      "the job done",
    );
    await stack.h.app.settle();
    expect(stack.reviews.created).toHaveLength(1);
    expect(stack.reviews.edited).toEqual([]);

    const [review] = stack.reviews.created;
    expect(review).toMatchObject({ pr: 7, commit_id: head, event: "COMMENT" });
    // The two findings about the SQL are one; the one outside the diff is in the body.
    expect(review!.body).toContain("<!-- drover:convoy-summary -->");
    expect(review!.body).toContain("## Drover review: 1 critical, 1 medium, 1 low");
    expect(review!.body).toContain("Block the merge: the new lookup is open to SQL injection.");
    expect(review!.body).toContain("### Findings outside the diff (1)");
    expect(review!.body).toContain(
      "- **[medium] Quadratic uniq over large lists** — `src/util/list.ts:2` · performance",
    );
    expect(review!.body).toContain("2 finding(s) are inline comments on the changed lines.");
    expect(review!.body).not.toContain("Not covered");
    const inline = review!.comments.map(({ path, line, start_line, side }) => ({
      path,
      line,
      start_line,
      side,
    }));
    expect(inline).toEqual([
      { path: "src/app.ts", line: 4, start_line: 3, side: "RIGHT" },
      { path: "src/db.ts", line: 2, start_line: undefined, side: "RIGHT" },
    ]);
    expect(review!.comments[0]!.body).toContain("**[critical] SQL injection by string concatenation**");
    expect(review!.comments[0]!.body).toContain("correctness, security");
    expect(review!.comments[0]!.body).toContain("**Suggestion:** Use a parameterised query.");
    expect(review!.comments[0]!.body).toContain(
      `<!-- drover:finding fp=${findingFingerprint({ file: "src/app.ts", title: injection.title })} -->`,
    );
    expect(review!.comments[1]!.body).toContain("**[low] query ignores its arguments** · correctness");

    // The reviewers read the PR's changed files at its head, in a worktree that is gone again.
    const [convoyId] = stack.convoyIds(runner);
    expect(stack.sandbox.prompt("security")).toContain("- src/app.ts\n- src/db.ts\n");
    expect(stack.sandbox.prompt("security")).not.toContain("src/util/list.ts");
    expect(stack.sandbox.prompt("security")).not.toContain(".claude");
    expect(stack.sandbox.prompt("security")).toContain("https://github.com/acme/web/pull/7");
    const state = JSON.parse(readFileSync(join(runner.dataDir, "convoys", `${convoyId}.json`), "utf8"));
    expect(state).toMatchObject({
      runtime: "tmux",
      cwd: join(runner.dataDir, "reviews", convoyId!),
      inputs: { files: ["src/app.ts", "src/db.ts"], prUrl: "https://github.com/acme/web/pull/7" },
    });
    // Each agent had its own tmux session on the convoy's tmux server, which is gone with the convoy.
    expect(state.agents.map((a: { handle: { session: string } }) => a.handle.session)).toEqual([
      "drover-correctness",
      "drover-security",
      "drover-performance",
      "drover-synthesis",
    ]);
    expect(existsSync(socketPath(`drover-convoy-${convoyId}`))).toBe(false);
    expect(existsSync(state.cwd)).toBe(false);
    const checkout = `${stack.sandbox.root}/reviewer-checkout`;
    expect(git(checkout, "worktree", "list").split("\n")).toHaveLength(1);
    expect(git(checkout, "for-each-ref", "refs/drover")).toBe("");

    // The app keeps the convoy by its id: progress, the result with its report, and the review it posted.
    const convoy = await stack.convoy(convoyId!);
    expect(convoy).toMatchObject({
      id: convoyId,
      jobId: job!.id,
      runnerId: runner.runnerId,
      repo: "acme/web",
      pr: 7,
      status: "completed",
      agents: {
        correctness: { status: "succeeded", message: "2 findings" },
        security: { status: "succeeded", message: "1 finding" },
        performance: { status: "succeeded", message: "1 finding" },
        synthesis: { status: "succeeded" },
      },
      review: { action: "created", summaryReviewId: review!.id, inline: 2, outside: 1, repeated: 0 },
    });
    expect(convoy!.result).toMatchObject({
      headSha: head,
      template: "code-review",
      result: {
        counts: { critical: 1, medium: 1, low: 1 },
        reported: 4,
        duplicatesRemoved: 1,
        filesReviewed: 2,
      },
      stats: { agents: [{ role: "correctness", status: "succeeded" }, {}, {}, { role: "synthesis" }] },
    });
    expect(convoy!.result!.report).toContain("Block the merge: the new lookup is open to SQL injection.");
    expect(convoy!.result!.stats.costUsd).toBeCloseTo(0.05);
    expect(job).toMatchObject({ runnerId: runner.runnerId, payload: { kind: "review", pr: 7 } });
  });

  it("on a re-review after a push, edits the summary, says what is missing, posts only the new finding", async () => {
    stack.sandbox.setPlan({
      correctness: { findings: [concatenation, unchanged, unbounded] },
      security: { findings: [injection] },
      performance: { exitCode: 1, stderr: "the model API is overloaded" },
      synthesis: { synthesis: true, summary: "Still blocked by the injection; the cache needs a limit." },
    });
    const head = stack.pushPullRequest(7, secondPush, "Remember results");
    await stack.comment(7, "/drover review");

    await stack.waitFor(() => stack.reviews.created.length === 2, "the follow-up review");
    await stack.h.app.settle();
    const [first, followUp] = stack.reviews.created;
    // The summary of the first review is edited in place, once.
    expect(stack.reviews.edited).toHaveLength(1);
    const edited = stack.reviews.edited[0]!;
    expect(edited.id).toBe(first!.id);
    expect(edited.body).toContain("## Drover review: 1 critical, 1 high, 1 low");
    expect(edited.body).toContain("Still blocked by the injection; the cache needs a limit.");
    expect(edited.body).toContain("**Not covered:** performance (failed).");
    expect(edited.body).toContain("2 finding(s) raised in an earlier Drover review are not repeated.");
    expect(edited.body).toMatch(/convoy `code-review-[0-9-a-f]+` · partial/);
    // Only the new finding comes, inline, anchored to the new head.
    expect(followUp).toMatchObject({ pr: 7, commit_id: head });
    expect(followUp!.body).toContain("<!-- drover:convoy-follow-up -->");
    expect(followUp!.comments.map((c) => [c.path, c.line])).toEqual([["src/cache.ts", 4]]);
    expect(followUp!.comments[0]!.body).toContain("**[high] Cache grows without bound**");
    expect(stack.reviews.commentsOn(7)).toHaveLength(3);

    const convoys = await Promise.all(stack.convoyIds(runner).map((id) => stack.convoy(id)));
    const partial = convoys.find((c) => c?.status === "partial");
    expect(partial).toMatchObject({
      agents: { performance: { status: "failed", message: expect.stringContaining("exited with code 1") } },
      review: { action: "updated", summaryReviewId: first!.id, followUpReviewId: followUp!.id, inline: 1 },
    });
    expect(partial!.result!.result.missing).toEqual([
      {
        role: "performance",
        status: "failed",
        reason: expect.stringContaining("the model API is overloaded"),
      },
    ]);
  });

  it("tells the PR in one comment when the review cannot run (a PR origin does not have)", async () => {
    await stack.comment(99, "/drover review");
    await stack.waitFor(
      () =>
        stack.droverComments(99).some((body) => body.startsWith("Drover could not review this pull request")),
      "the failure comment",
      30_000,
    );
    await stack.h.app.settle();
    const failures = stack.droverComments(99).filter((body) => body.startsWith("Drover could not review"));
    expect(failures).toEqual([expect.stringContaining("git could not fetch pull request #99 from origin")]);
    expect(failures[0]).toContain("Comment `/drover review` to try again.");
    expect(stack.reviews.created.filter((r) => r.pr === 99)).toEqual([]);
  });
});
