// What happens to `/drover review` when things go wrong: no runner has the repo (the PR is told so, once, for
// the comment and for the label), and a runner that dies in the middle of a review (its lease runs out, the
// next runner with the repo takes the job and posts the one review).
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { socketPath } from "../../runner/convoy/tmux-agent-runtime.js";
import { finding } from "../convoy/fixtures.js";
import { pullRequest } from "../github/support/payloads.js";
import { type ReviewStack, startReviewStack } from "./support/review-stack.js";

const change = {
  "src/db.ts": "export function query(sql: string, ...args: unknown[]) {\n  return sql + args.length;\n}\n",
};

let stack: ReviewStack | undefined;
async function start(name: string): Promise<ReviewStack> {
  stack = await startReviewStack(name);
  return stack;
}
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

describe("/drover review when it cannot be done at once", () => {
  it("says on the PR, once, that no runner has the repo, for the command and for the label", async () => {
    const s = await start("review-no-runner");
    const head = s.pushPullRequest(8, change, "Count the arguments");
    await s.comment(8, "/drover review");
    expect(s.droverComments(8)).toEqual([
      "> /drover review\n\nQueued a code review, but no runner has `acme/web` yet; it starts as soon as one does.",
    ]);

    s.h.fake.labels.set(9, ["drover:review"]);
    await s.h.deliver(
      "pull_request",
      pullRequest("labeled", {
        number: 9,
        headRef: "count-arguments",
        headSha: head,
        label: "drover:review",
        sender: { login: "maria" },
      }),
    );
    expect(s.droverComments(9)).toEqual([
      "Queued a code review, but no runner has `acme/web` yet; it starts as soon as one does.",
    ]);
    expect(s.h.fake.labels.get(9)).toEqual([]);
    const jobs = await s.h.store.listJobs();
    expect(jobs.map((j) => [j.payload.kind, j.state, j.queue])).toEqual([
      ["review", "queued", "repo:acme/web"],
      ["review", "queued", "repo:acme/web"],
    ]);
    expect(s.reviews.created).toEqual([]);
  });

  it("gives the review of a runner that died to the next runner with the repo, which posts one review", async () => {
    const s = await start("review-handover");
    s.sandbox.setPlan({
      "*": { findings: [finding("low", "src/db.ts", 2, "query ignores its arguments")] },
      synthesis: { synthesis: true, summary: "One small thing." },
    });
    const head = s.pushPullRequest(8, change, "Count the arguments");
    // The first runner's reviewers never finish, so it dies in the middle of the review.
    const first = await s.addRunner("first", { plan: { "*": { hang: true } }, leaseMs: 3_000 });
    await s.comment(8, "/drover review");
    const [job] = await s.h.store.listJobs();
    const firstConvoy = await s.waitFor(async () => {
      const [id] = s.convoyIds(first);
      const convoy = id ? await s.convoy(id) : undefined;
      return convoy && Object.values(convoy.agents).filter((a) => a.status === "running").length === 3
        ? convoy
        : undefined;
    }, "the first runner's reviewers running");
    expect(firstConvoy).toMatchObject({ jobId: job!.id, runnerId: first.runnerId, pr: 8, status: "running" });
    await first.stop("SIGKILL");
    expect(await s.h.store.getJob(job!.id)).toMatchObject({ state: "leased", runnerId: first.runnerId });

    // Its lease runs out (the app's clock), and the next runner with the repo gets the job.
    s.h.clock.now += 5_000;
    const second = await s.addRunner("second");
    await s.waitFor(() => s.reviews.created.length === 1, "the review");
    await s.waitFor(async () => (await s.h.store.getJob(job!.id))?.state === "completed", "the job done");
    await s.h.app.settle();
    expect(await s.h.store.getJob(job!.id)).toMatchObject({ runnerId: second.runnerId, attempts: 2 });
    expect(s.reviews.created).toHaveLength(1);
    expect(s.reviews.created[0]).toMatchObject({ pr: 8, commit_id: head });
    expect(s.reviews.created[0]!.body).toContain("One small thing.");
    expect(s.reviews.created[0]!.comments.map((c) => [c.path, c.line])).toEqual([["src/db.ts", 2]]);

    // The app knows both convoys: the first never finished; the second has the result and the review.
    const [secondId] = s.convoyIds(second);
    expect(await s.convoy(secondId!)).toMatchObject({
      runnerId: second.runnerId,
      status: "completed",
      review: { action: "created", summaryReviewId: s.reviews.created[0]!.id },
    });
    const stale = await s.convoy(firstConvoy.id);
    expect(stale?.result).toBeUndefined();
    expect(stale?.review).toBeUndefined();

    // The first runner comes back: before its next review it stops the agents it left and clears their
    // worktree; what it had not reported about the old job is refused (the job is the second runner's).
    await second.stop();
    writeFileSync(
      s.planFile("first"),
      JSON.stringify({ "*": { findings: [] }, synthesis: { synthesis: true } }),
    );
    await first.start();
    await s.comment(8, "/drover review");
    await s.waitFor(() => s.reviews.edited.length === 1, "the summary edited");
    await s.h.app.settle();
    expect(s.reviews.created).toHaveLength(1);
    const orphan = JSON.parse(readFileSync(join(first.dataDir, "convoys", `${firstConvoy.id}.json`), "utf8"));
    expect(orphan.status).toBe("stopped");
    expect(existsSync(orphan.cwd)).toBe(false);
    expect(existsSync(socketPath(`drover-convoy-${firstConvoy.id}`))).toBe(false);
    for (const role of ["correctness", "security", "performance"])
      expect(s.sandbox.events()).toContain(`killed ${role}`);
    expect(await s.convoy(firstConvoy.id)).toMatchObject({ status: "running" });
  });
});
