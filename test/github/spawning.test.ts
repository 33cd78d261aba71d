// Starting sessions from GitHub: the spawn label (named by the repo config) from people with write access, a
// session that waits for a capable runner, and the batches sessions started together form.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { batchWindowMs } from "../../src/github/spawn/batch-id.js";
import { type Harness, startHarness } from "./support/github-harness.js";
import { issuesLabeled, type Person, testRepo } from "./support/payloads.js";

let h: Harness;
beforeEach(async () => {
  h = await startHarness("spawning");
  h.fake.permissions.set("maria", "write");
  h.fake.permissions.set("omar", "maintain");
  h.fake.permissions.set("rita", "read");
});
afterEach(async () => h.close());

const label = (number: number, options: { label?: string; sender?: Person } = {}) =>
  h.deliver(
    "issues",
    issuesLabeled({ number, title: `Issue ${number}`, label: options.label ?? "drover", ...options }),
  );
const sessions = () => h.store.listSessions({ repo: testRepo.fullName });

describe("the spawn label", () => {
  it("without a capable runner: the session waits, the issue says so once, and a runner that comes later finds the job", async () => {
    await h.addRunner("elsewhere", ["acme/api"]);
    await label(42);
    const [session] = await sessions();
    expect(session?.state).toBe("queued");
    const waiting = h.fake.commentsOn(42).filter((c) => c.body.includes("no runner has `acme/web` yet"));
    expect(waiting).toHaveLength(1);
    expect(await h.store.leaseJobs("elsewhere", ["repo:acme/api"], 5, 60_000, h.clock.now)).toEqual([]);

    await h.addRunner("laptop");
    const [job] = await h.store.leaseJobs("laptop", ["repo:acme/web"], 5, 60_000, h.clock.now);
    expect(job?.payload).toMatchObject({ kind: "spawn", sessionId: session?.id });
  });

  it("with a runner that has the repo: no waiting comment, only the status", async () => {
    await h.addRunner("laptop");
    await label(42);
    expect(h.fake.commentsOn(42).map((c) => c.body.split("\n")[1])).toEqual(["### Drover · Queued"]);
  });

  it("ignores a runner that was revoked", async () => {
    const runner = await h.addRunner("stolen");
    await h.store.saveRunner({ ...runner, revoked: true });
    await label(42);
    expect(h.fake.commentsOn(42).some((c) => c.body.includes("no runner has"))).toBe(true);
  });

  it("uses the label the repo config names, and no other", async () => {
    h.fake.configText = "labels:\n  spawn: agent-please\n";
    await label(42);
    expect(await sessions()).toEqual([]);
    await label(42, { label: "agent-please" });
    expect(await sessions()).toHaveLength(1);
  });

  it("refuses people without write access with a comment, and ignores bots", async () => {
    await label(42, { sender: { login: "rita" } });
    expect(await sessions()).toEqual([]);
    expect(h.fake.commentsOn(42).map((c) => c.body)).toEqual([
      "@rita only people with write access to acme/web can make Drover act.",
    ]);
    await label(43, { sender: { login: "triage-bot[bot]", type: "Bot" } });
    expect(await sessions()).toEqual([]);
    expect(h.fake.commentsOn(43)).toEqual([]);
  });

  it("starts one session per issue while one is running", async () => {
    await label(42);
    await label(42, { sender: { login: "omar" } });
    expect(await sessions()).toHaveLength(1);
  });
});

describe("batches", () => {
  it("puts sessions one person starts within ten minutes in one batch, others in their own", async () => {
    await Promise.all([label(1), label(2), label(3)]);
    await label(4, { sender: { login: "omar" } });
    h.clock.now += batchWindowMs + 60_000;
    await label(5);
    const byIssue = Object.fromEntries((await sessions()).map((s) => [s.issue.key, s.batchId]));
    expect(new Set([byIssue["1"], byIssue["2"], byIssue["3"]]).size).toBe(1);
    expect(byIssue["4"]).not.toBe(byIssue["1"]);
    expect(byIssue["5"]).not.toBe(byIssue["1"]);
    expect(byIssue["1"]).toMatch(/^gh:acme\/web:maria:\d+$/);
  });
});
