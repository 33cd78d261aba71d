// `.github/drover.yml` read through the API from the default branch: cached for a few minutes, read again
// after a push that changes it, and an invalid file never stops a session (defaults, and one comment saying why).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "./support/github-harness.js";
import { issuesLabeled, push, testRepo } from "./support/payloads.js";

let h: Harness;
beforeEach(async () => {
  h = await startHarness("repo-config");
  h.fake.permissions.set("maria", "write");
});
afterEach(async () => h.close());

const reads = () => h.fake.callsTo("GET", /\/contents\/\.github\/drover\.yml$/).length;
const problemComments = (issue: number) =>
  h.fake.commentsOn(issue).filter((c) => c.body.startsWith("Drover cannot use `.github/drover.yml`"));

describe("reading the repo config", () => {
  it("reads the file once for many events, and again after five minutes", async () => {
    h.fake.configText = "agent:\n  name: codex\n  model: o3\nautoMerge: true\n";
    const config = await Promise.all([1, 2, 3].map(() => h.app.repoConfig(testRepo.fullName)));
    expect(config.map((c) => c.agent)).toEqual(Array(3).fill({ name: "codex", model: "o3" }));
    expect(config[0]?.autoMerge).toBe(true);
    expect(reads()).toBe(1);
    h.fake.configText = "agent:\n  name: aider\n";
    expect((await h.app.repoConfig(testRepo.fullName)).agent.name).toBe("codex");
    h.clock.now += 5 * 60_000 + 1;
    expect((await h.app.repoConfig(testRepo.fullName)).agent.name).toBe("aider");
    expect(reads()).toBe(2);
  });

  it("gives the defaults when the repo has no file", async () => {
    expect((await h.app.repoConfig(testRepo.fullName)).labels.spawn).toBe("drover");
  });

  it("gives the defaults for a repo the app is not installed on (a Linear issue's repo)", async () => {
    expect((await h.app.repoConfig("acme/elsewhere")).agent.name).toBe("claude-code");
    expect(h.fake.callsTo("GET", /^\/repos\/acme\/elsewhere\/installation$/)).toHaveLength(1);
    await h.app.repoConfig("acme/elsewhere");
    expect(h.fake.callsTo("GET", /^\/repos\/acme\/elsewhere\/installation$/)).toHaveLength(1);
  });

  it("keeps using the copy it has when GitHub cannot be reached", async () => {
    h.fake.configText = "agent:\n  name: codex\n";
    await h.app.repoConfig(testRepo.fullName);
    h.fake.fail("GET", /\/contents\//, 502, "Bad Gateway");
    expect((await h.github.configs.reload(testRepo.fullName)).config.agent.name).toBe("codex");
  });

  it("starts a session from an invalid file with the defaults, and tells its issue once what is wrong", async () => {
    h.fake.configText = "reactions:\n  ci-failed:\n    retries: lots\n";
    await h.deliver("issues", issuesLabeled({ number: 42, title: "Fix login", label: "drover" }));
    const [session] = await h.store.listSessions();
    expect(session?.agent).toBe("claude-code");
    const [comment, ...more] = problemComments(42);
    expect(more).toEqual([]);
    expect(comment?.body).toContain("reactions.ci-failed.retries: expected number, received string");
  });
});

describe("a push that changes the file", () => {
  it("reads it again at once and tells running sessions' issues when it became invalid", async () => {
    await h.deliver("issues", issuesLabeled({ number: 42, title: "Fix login", label: "drover" }));
    expect(reads()).toBe(1);
    h.fake.configText = "autoMerge: sometimes\n";
    await h.deliver("push", push({ ref: "refs/heads/main", modified: ["README.md"] }));
    expect(reads()).toBe(1);
    await h.deliver("push", push({ ref: "refs/heads/feature", modified: [".github/drover.yml"] }));
    expect(reads()).toBe(1);
    await h.deliver("push", push({ ref: "refs/heads/main", modified: [".github/drover.yml"] }));
    expect(reads()).toBe(2);
    expect(problemComments(42)).toHaveLength(1);
    expect(problemComments(42)[0]?.body).toContain("autoMerge: expected boolean");
    // The same problem pushed again is not reported twice.
    await h.deliver("push", push({ ref: "refs/heads/main", modified: [".github/drover.yml"] }));
    expect(problemComments(42)).toHaveLength(1);
  });
});
