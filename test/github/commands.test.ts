// `/drover` commands in issue and PR comments: each one run by someone with write access and refused for
// someone without; 👀 first, then the answer; bots ignored unless allowed; unknown commands get the help.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { handleSessionEvent } from "../../src/sessions/handle-event.js";
import type { JobRecord } from "../../src/store/store.js";
import { appId, type Harness, startHarness } from "./support/github-harness.js";
import {
  issueCommentCreated,
  issuesLabeled,
  type Person,
  pullRequest,
  testRepo,
} from "./support/payloads.js";

const sha = "a".repeat(40);
const branch = "drover/42-fix-the-login-redirect";
let h: Harness;
let sessionId: string;
let nextCommentId = 1000;

beforeEach(async () => {
  h = await startHarness("commands");
  h.fake.permissions.set("maria", "write");
  h.fake.permissions.set("ada", "admin");
  h.fake.permissions.set("tom", "triage");
  h.fake.permissions.set("rita", "read");
  await h.addRunner("laptop");
  await h.deliver("issues", issuesLabeled({ number: 42, title: "Fix the login redirect", label: "drover" }));
  const [session] = await h.store.listSessions();
  sessionId = session!.id;
  for (const event of [
    { type: "spawn.leased", runnerId: "laptop", id: "r1" },
    { type: "agent.spawned", runnerId: "laptop", id: "r2" },
  ] as const)
    await handleSessionEvent(h.app, sessionId, event, { repo: testRepo.fullName });
  h.fake.pulls.set(7, { state: "open", mergeable: true, headSha: sha });
  await h.deliver("pull_request", pullRequest("opened", { number: 7, headRef: branch, headSha: sha }));
});
afterEach(async () => h.close());

/** Comments `body` and returns Drover's answer to it (undefined when it stayed silent). */
async function command(
  body: string,
  options: { on?: number; author?: Person; viaAppId?: number } = {},
): Promise<string | undefined> {
  const on = options.on ?? 7;
  const id = nextCommentId++;
  const before = h.fake.commentsOn(on).length;
  await h.deliver(
    "issue_comment",
    issueCommentCreated({
      number: on,
      body,
      commentId: id,
      onPullRequest: on === 7,
      author: options.author ?? { login: "maria" },
      ...(options.viaAppId ? { viaAppId: options.viaAppId } : {}),
    }),
  );
  const answers = h.fake
    .commentsOn(on)
    .slice(before)
    .filter((c) => c.body.startsWith("> /drover"));
  if (answers.length === 0) return undefined;
  expect(h.fake.reactions).toContainEqual({ commentId: id, content: "eyes" });
  // 👀 is put on the comment before the answer is written.
  const order = h.fake.calls.map((c) => c.path);
  expect(order.indexOf(`/repos/acme/web/issues/comments/${id}/reactions`)).toBeLessThan(
    order.lastIndexOf(`/repos/acme/web/issues/${on}/comments`),
  );
  return answers.map((a) => a.body).join("\n---\n");
}

const jobs = async (kind?: string): Promise<JobRecord[]> =>
  (await h.store.listJobs()).filter((j) => kind === undefined || j.payload.kind === kind);
const session = async () => (await h.store.getSession(sessionId))!;

describe("refused for people without write access", () => {
  const names = ["spawn", "status", "send hello", "kill", "wipe", "review", "merge", "cost", "help", "dance"];
  for (const name of names) {
    it(`/drover ${name} by a reader: 👀, a short refusal, nothing done`, async () => {
      const jobsBefore = (await jobs()).length;
      const stateBefore = (await session()).state;
      const answer = await command(`/drover ${name}`, {
        author: { login: "rita" },
        on: name === "spawn" ? 43 : 7,
      });
      expect(answer).toContain("@rita only people with write access to acme/web can make Drover act.");
      expect((await jobs()).length).toBe(jobsBefore);
      expect((await session()).state).toBe(stateBefore);
      expect(h.fake.merges).toEqual([]);
    });
  }

  it("refuses triage too, and people GitHub does not know", async () => {
    expect(await command("/drover kill", { author: { login: "tom" } })).toContain(
      "only people with write access",
    );
    expect(await command("/drover kill", { author: { login: "mallory" } })).toContain(
      "only people with write access",
    );
    expect((await session()).state).toBe("pr_open");
  });
});

describe("run by people with write access", () => {
  it("/drover spawn on an issue starts a session with the agent and model asked for", async () => {
    const answer = await command("/drover spawn agent=codex model=o3", { on: 43 });
    expect(answer).toMatch(/Started session `ses_[0-9a-f]+` with `codex` \(model `o3`\)/);
    const spawn = (await jobs("spawn")).find(
      (j) => j.payload.kind === "spawn" && j.payload.issue.key === "43",
    );
    expect(spawn?.payload).toMatchObject({ agent: "codex", model: "o3", repo: "acme/web" });
    expect(await command("/drover spawn", { on: 43 })).toContain("A session already works on this issue");
    expect(await command("/drover spawn agent=robot", { on: 44 })).toContain("There is no agent `robot`");
    expect(await command("/drover spawn colour=blue", { on: 44 })).toContain("Unknown `colour`");
    expect(await command("/drover spawn")).toContain("works on issues");
  });

  it("/drover status shows the state, the runner and what happens next", async () => {
    const answer = await command("/drover status", { author: { login: "ada" } });
    expect(answer).toContain("**PR open**");
    expect(answer).toContain("| Runner | `laptop` |");
    expect(answer).toContain("Waiting for CI on `aaaaaaa`.");
    // The answer is not a second status comment.
    expect(answer).not.toContain("<!-- drover:status -->");
  });

  it("/drover send hands a message (over several lines) to the agent", async () => {
    const answer = await command("/drover send Use the v2 API\nand keep the old route for now");
    expect(answer).toContain("Sent to the agent.");
    const [send] = await jobs("send");
    expect(send?.payload).toMatchObject({ message: "Use the v2 API\nand keep the old route for now" });
    expect(send?.queue).toBe("runner:laptop");
    expect(await command("/drover send")).toContain("Say what to send");
  });

  it("/drover kill stops the agent", async () => {
    expect(await command("/drover kill")).toContain("Stopping the agent");
    expect((await session()).state).toBe("killed");
    expect((await jobs("kill")).map((j) => j.queue)).toEqual(["runner:laptop"]);
    expect(await command("/drover kill")).toContain("already ended");
  });

  it("/drover wipe ends the session and has the runner remove the workspace", async () => {
    expect(await command("/drover wipe")).toContain("runner `laptop` removes its workspace");
    expect((await session()).state).toBe("killed");
    expect((await jobs("wipe"))[0]?.payload).toMatchObject({ workspace: true });
  });

  it("/drover review queues a convoy review job for a runner that has the repo", async () => {
    expect(await command("/drover review")).toContain("Queued a code review");
    const [job] = await jobs("review");
    expect(job).toMatchObject({
      queue: "repo:acme/web",
      payload: { kind: "review", repo: "acme/web", pr: 7, template: "code-review", sessionId },
    });
    expect(await command("/drover review", { on: 42 })).toContain("works on pull requests");
  });

  it("/drover merge merges the session's PR at its head", async () => {
    expect(await command("/drover merge")).toContain("Merging #7");
    expect(h.fake.merges).toEqual([{ number: 7, merge_method: "squash", sha }]);
  });

  it("/drover cost answers with the cost by session and by model", async () => {
    const report = {
      sessionId,
      repo: "acme/web",
      issueKey: "42",
      agentSessionId: "claude-1",
      day: "2026-11-22",
    };
    await h.store.recordCost({
      ...report,
      model: "claude-sonnet-4-5",
      inputTokens: 1000,
      outputTokens: 2000,
      cacheCreationTokens: 0,
      cacheReadTokens: 7000,
      usd: 6,
    });
    await h.store.recordCost({
      ...report,
      model: "claude-haiku-4-5",
      inputTokens: 500,
      outputTokens: 500,
      cacheCreationTokens: 0,
      cacheReadTokens: 0,
      usd: 2,
    });
    const answer = await command("/drover cost", { on: 42 });
    expect(answer).toContain("**Cost so far:** 🟡 `$8.00` · 1 session, 11,000 tokens");
    expect(answer).toContain(`| \`${sessionId}\` | claude-code | PR open | $8.00 | 11,000 |`);
    expect(answer).toContain("| claude-sonnet-4-5 | $6.00 | 75% | 10,000 |");
    expect(answer).toContain("| claude-haiku-4-5 | $2.00 | 25% | 1,000 |");
  });

  it("/drover help lists every command and the labels; an unknown command gets the same list", async () => {
    const help = await command("/drover help");
    for (const name of ["spawn", "status", "send", "kill", "wipe", "review", "merge", "cost", "help"])
      expect(help).toContain(`/drover ${name}`);
    expect(help).toContain("`drover:automerge` on a pull request");
    const unknown = await command("/drover dance");
    expect(unknown).toContain("Drover does not know `/drover dance`");
    expect(unknown).toContain("`/drover kill`");
  });
});

describe("who is listened to", () => {
  it("ignores bots (no 👀, no answer) unless the repo config allows them", async () => {
    expect(
      await command("/drover kill", { author: { login: "renovate[bot]", type: "Bot" } }),
    ).toBeUndefined();
    expect(h.fake.reactions).toEqual([]);
    expect((await session()).state).toBe("pr_open");

    h.fake.configText = "allowedBots: [renovate]\n";
    await h.github.configs.reload(testRepo.fullName);
    expect(await command("/drover kill", { author: { login: "renovate[bot]", type: "Bot" } })).toContain(
      "Stopping the agent",
    );
    expect((await session()).state).toBe("killed");
  });

  it("never reads its own comments back", async () => {
    expect(await command("/drover kill", { viaAppId: appId })).toBeUndefined();
    expect((await session()).state).toBe("pr_open");
  });

  it("hands a person's plain PR comment to the agent, and leaves plain issue comments alone", async () => {
    await command("Could you also update the changelog?", { on: 7 });
    const [send] = await jobs("send");
    expect(send?.payload).toMatchObject({ kind: "send" });
    expect(send?.payload.kind === "send" && send.payload.message).toContain(
      "[general] @maria: Could you also update the changelog?",
    );
    await command("Thanks, looking forward to it", { on: 42 });
    expect(await jobs("send")).toHaveLength(1);
  });
});
