// The GitHub port outside the happy path: acting without a webhook (the installation is looked up), a merge
// GitHub refuses, the repo's merge method, a deleted status comment, the cost badge, and Enterprise Server.
import { afterEach, describe, expect, it } from "vitest";
import { handleSessionEvent } from "../../src/sessions/handle-event.js";
import { type Harness, startHarness } from "./support/github-harness.js";
import { issuesLabeled, pullRequest, review, testRepo } from "./support/payloads.js";

const sha = "1".repeat(40);
const headRef = "drover/42-fix-the-login-redirect";
let h: Harness;
let sessionId: string;
afterEach(async () => h.close());

async function sessionWithPr(name: string, options: { apiUrl?: string; config?: string } = {}) {
  h = await startHarness(name, options);
  if (options.config) h.fake.configText = options.config;
  h.fake.permissions.set("maria", "write");
  await h.addRunner("laptop");
  await h.deliver("issues", issuesLabeled({ number: 42, title: "Fix the login redirect", label: "drover" }));
  sessionId = (await h.store.listSessions())[0]!.id;
  await say({ type: "agent.spawned", runnerId: "laptop", id: "r1" });
  h.fake.pulls.set(7, { state: "open", mergeable: true, headSha: sha });
  await h.deliver("pull_request", pullRequest("opened", { number: 7, headRef, headSha: sha }));
}

async function say(event: Parameters<typeof handleSessionEvent>[2]) {
  await handleSessionEvent(h.app, sessionId, event, { repo: testRepo.fullName });
  await h.app.settle();
}

const statusOf = (issue: number) =>
  h.fake.commentsOn(issue).filter((c) => c.body.includes("<!-- drover:status -->"));

describe("acting outside a webhook", () => {
  it("finds the repo's installation once when no webhook told it", async () => {
    await sessionWithPr("effects-installation");
    h.github.installations.forget(testRepo.fullName);
    await say({ type: "agent.needs_input", message: "Which provider?", id: "r2" });
    await say({ type: "agent.activity", id: "r3" });
    expect(h.fake.callsTo("GET", /^\/repos\/acme\/web\/installation$/)).toHaveLength(1);
    expect(statusOf(7)[0]?.body).toContain("### Drover · PR open");
  });

  it("puts the status comment back when someone deleted it", async () => {
    await sessionWithPr("effects-deleted");
    const [status] = statusOf(7);
    h.fake.comments.splice(h.fake.comments.indexOf(status!), 1);
    await say({ type: "agent.needs_input", message: "Which provider?", id: "r2" });
    expect(statusOf(7)).toHaveLength(1);
    expect(statusOf(7)[0]?.body).toContain("Which provider?");
  });
});

describe("merging", () => {
  const approve = () =>
    h.deliver(
      "pull_request_review",
      review({
        action: "submitted",
        id: 5,
        state: "approved",
        reviewer: { login: "omar" },
        commitId: sha,
        submittedAt: "2026-11-22T11:00:00Z",
        pr: { number: 7, headRef, headSha: sha },
      }),
    );

  it("uses the merge method the repo config names", async () => {
    await sessionWithPr("effects-method", { config: "autoMerge: true\nmergeMethod: rebase\n" });
    h.fake.reviewComments.set(5, []);
    await approve();
    expect(h.fake.merges).toEqual([{ number: 7, merge_method: "rebase", sha }]);
  });

  it("says on the PR why GitHub refused, rather than retrying", async () => {
    await sessionWithPr("effects-refused", { config: "autoMerge: true\n" });
    h.fake.reviewComments.set(5, []);
    h.fake.fail("PUT", /\/pulls\/7\/merge$/, 405, 'Required status check "e2e" is expected.');
    await approve();
    const refusal = h.fake.commentsOn(7).find((c) => c.body.startsWith("Drover could not merge"));
    expect(refusal?.body).toContain('Required status check "e2e" is expected.');
    expect((await h.store.getSession(sessionId))?.outbox).toEqual([]);
  });
});

describe("the status comment's cost", () => {
  it("shows the badge in the colour of the amount spent", async () => {
    await sessionWithPr("effects-cost");
    const badge = () => /\| Cost \| (.+) \|/.exec(statusOf(7)[0]?.body ?? "")?.[1];
    expect(badge()).toBe("🟢 `$0.00` · 1 session, 0 tokens");
    await say({ type: "agent.cost", usd: 23.5, tokens: 1_250_000, id: "c1" });
    await say({ type: "agent.needs_input", message: "Which provider?", id: "r2" });
    expect(badge()).toBe("🟠 `$23.50` · 1 session, 1,250,000 tokens");
  });
});

describe("GitHub Enterprise Server", () => {
  it("sends every API call to GHE_HOST", async () => {
    await sessionWithPr("effects-ghe", { apiUrl: "https://github.acme.test/api/v3" });
    expect(h.fake.calls.length).toBeGreaterThan(5);
    expect(statusOf(7)).toHaveLength(1);
    expect(h.fake.labels.get(7)).toEqual(["drover:working"]);
  });
});
