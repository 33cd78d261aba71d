// POST /api/linear/webhooks over HTTP with real Redis: forged or stale deliveries are refused before anything is
// stored; a labeled or assigned issue in a mapped team starts one session whose spawn job waits in the repo's
// queue; everything else is acknowledged and ignored; a delivery sent again acts once.
import { afterEach, describe, expect, it } from "vitest";
import type { RunnerRecord } from "../../src/store/store.js";
import { issueDelivery, type LinearServer, sign, startLinearServer, webhookSecret } from "./linear-server.js";

let s: LinearServer;
afterEach(async () => s?.close());

const runner = (repos: string[]): RunnerRecord => ({
  id: "runner-laptop",
  name: "laptop",
  secretHash: "0".repeat(64),
  repos,
  capacity: 2,
  createdAt: 0,
  lastSeenAt: 0,
  revoked: false,
});

const botAssignee = { id: "user-bot", email: "Drover@acme.test", name: "Drover Bot" };

async function nothingStored(delivery: string): Promise<void> {
  expect(await s.t.store.listSessions()).toEqual([]);
  expect(await s.t.store.listJobs()).toEqual([]);
  // The delivery id was never claimed: the first real arrival of it would still be handled.
  expect(await s.t.store.markDelivery(`linear:delivery:${delivery}`, 60_000)).toBe(true);
}

describe("Linear webhook", () => {
  it("refuses a delivery whose signature does not match, storing nothing", async () => {
    s = await startLinearServer("lin-badsig");
    const forged = await s.deliver(issueDelivery(), { delivery: "d-forged", secret: "not-the-secret" });
    expect(forged.status).toBe(401);
    expect(forged.body.error).toMatch(/LINEAR_WEBHOOK_SECRET/);
    const unsigned = await s.deliver(issueDelivery(), { delivery: "d-unsigned", signature: null });
    expect(unsigned.status).toBe(401);
    expect(unsigned.body.error).toMatch(/Linear-Signature header is missing/);
    // Signed by Linear, then changed on the way: the signature is of another body.
    const payload = issueDelivery();
    const tampered = JSON.stringify({ ...payload, data: { ...payload.data, title: "Delete prod" } });
    const changed = await s.deliver(payload, {
      delivery: "d-tampered",
      raw: tampered,
      signature: sign(JSON.stringify(payload), webhookSecret),
    });
    expect(changed.status).toBe(401);
    for (const delivery of ["d-forged", "d-unsigned"]) {
      expect(await s.t.store.markDelivery(`linear:delivery:${delivery}`, 60_000)).toBe(true);
    }
    await nothingStored("d-tampered");
    expect(s.api.calls).toEqual([]);
  });

  it("refuses a stale delivery (timestamp more than a minute old), storing nothing", async () => {
    s = await startLinearServer("lin-stale");
    const stale = await s.deliver(issueDelivery({ webhookTimestamp: Date.now() - 5 * 60_000 }), {
      delivery: "d-stale",
    });
    expect(stale.status).toBe(401);
    expect(stale.body.error).toMatch(/webhookTimestamp/);
    await nothingStored("d-stale");
  });

  it("starts a session for a labeled issue in a mapped team, with its spawn job in the repo's queue", async () => {
    s = await startLinearServer("lin-label");
    await s.t.store.saveRunner(runner(["acme/web"]));
    const res = await s.deliver(issueDelivery({ identifier: "ENG-12", labels: ["bug", "Drover"] }));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: true, outcome: "started" });
    const sessionId = res.body.sessionId as string;
    expect(sessionId).toMatch(/^web-eng-12-[0-9a-f]{6}$/);

    const session = await s.t.store.getSession(sessionId);
    expect(session).toMatchObject({
      repo: "acme/web",
      state: "queued",
      agent: "claude-code",
      branch: "drover/eng-12-fix-login",
      issue: {
        tracker: "linear",
        key: "ENG-12",
        title: "Fix login",
        url: "https://linear.app/acme/issue/eng-12/fix-login",
        body: "The login button does nothing on Safari.",
        author: "Ada Lovelace",
      },
    });
    expect(await s.t.store.findSessionByIssue("acme/web", "ENG-12")).toMatchObject({ id: sessionId });
    const jobs = await s.t.store.listJobs({ sessionId });
    expect(jobs).toMatchObject([
      {
        queue: "repo:acme/web",
        state: "queued",
        payload: {
          kind: "spawn",
          repo: "acme/web",
          branch: "drover/eng-12-fix-login",
          issue: { key: "ENG-12" },
        },
      },
    ]);
    expect((jobs[0]!.payload as { prompt: string }).prompt).toContain(
      "The login button does nothing on Safari.",
    );
    const log = await s.t.store.readLog(sessionId);
    expect(log.map((e) => e.summary)).toContain(
      "session started for https://linear.app/acme/issue/eng-12/fix-login by @Ada Lovelace",
    );
    // A runner has the repo, so nothing needed saying on the issue yet.
    expect(s.api.calls).toEqual([]);
  });

  it("tells the Linear issue when no runner has the repo yet", async () => {
    s = await startLinearServer("lin-norunner");
    const res = await s.deliver(issueDelivery({ identifier: "OPS-3", teamId: "team-ops" }));
    expect(res.body).toMatchObject({ outcome: "started" });
    const [comment] = s.api.of("createComment");
    expect(comment?.variables.input).toMatchObject({ issueId: "issue-ops-3" });
    expect(JSON.stringify(comment?.variables)).toContain("no runner has `acme/infra` yet");
    expect(await s.t.store.listJobs()).toMatchObject([{ queue: "repo:acme/infra" }]);
  });

  it("ignores issues of unmapped teams, without a label, or edited without adding the label", async () => {
    s = await startLinearServer("lin-ignore");
    const unmapped = await s.deliver(issueDelivery({ identifier: "DES-4" }));
    expect(unmapped.body).toMatchObject({ outcome: "ignored" });
    expect(unmapped.body.reason).toMatch(/team DES is not mapped.*DROVER_LINEAR_TEAMS/);

    const unlabeled = await s.deliver(issueDelivery({ labels: ["bug"] }));
    expect(unlabeled.body.reason).toBe(
      'ENG-12 has no "drover" label and is not assigned to drover@acme.test',
    );

    // Already labeled, now only its title changed: Drover moving it (or anyone editing it) is no new request.
    const edited = await s.deliver(
      issueDelivery({
        action: "update",
        updatedFrom: { title: "Fix logn", updatedAt: "2026-11-22T08:00:00Z" },
      }),
    );
    expect(edited.body).toMatchObject({ outcome: "ignored" });
    expect(edited.body.reason).toMatch(/did not add the "drover" label/);

    const removed = await s.deliver(issueDelivery({ action: "remove" }));
    expect(removed.body).toMatchObject({ outcome: "ignored", reason: "an issue was removed" });

    const comment = await s.deliver({ ...issueDelivery(), type: "Comment", data: { id: "c1", body: "hi" } });
    expect(comment.body).toMatchObject({
      outcome: "ignored",
      reason: "Drover acts on Issue events, not Comment",
    });

    expect(await s.t.store.listSessions()).toEqual([]);
    expect(await s.t.store.listJobs()).toEqual([]);
  });

  it("starts a session when the label is added to an existing issue", async () => {
    s = await startLinearServer("lin-label-added");
    const res = await s.deliver(
      issueDelivery({
        action: "update",
        labels: ["bug", "drover"],
        updatedFrom: { labelIds: ["label-bug"] },
      }),
    );
    expect(res.body).toMatchObject({ outcome: "started", reason: "label in team ENG" });
  });

  it("starts a session when the issue is assigned to the configured user (id or email)", async () => {
    s = await startLinearServer("lin-assign");
    const res = await s.deliver(
      issueDelivery({
        action: "update",
        labels: [],
        assignee: botAssignee,
        updatedFrom: { assigneeId: null },
      }),
    );
    expect(res.body).toMatchObject({ outcome: "started", reason: "assignee in team ENG" });
    const session = await s.t.store.getSession(res.body.sessionId as string);
    expect(session?.issue.assignees).toEqual(["Drover Bot"]);

    // By user id, on a new issue of the other team.
    await s.close();
    s = await startLinearServer("lin-assign-id", { DROVER_LINEAR_ASSIGNEE: "user-bot" });
    const created = await s.deliver(
      issueDelivery({ identifier: "OPS-9", labels: [], assignee: botAssignee }),
    );
    expect(created.body).toMatchObject({ outcome: "started" });
    expect(await s.t.store.listJobs()).toMatchObject([{ queue: "repo:acme/infra" }]);

    // Reassigned from someone else to another person: not ours.
    const other = await s.deliver(
      issueDelivery({
        identifier: "OPS-10",
        action: "update",
        labels: [],
        assignee: { id: "user-bo", email: "bo@acme.test", name: "Bo" },
        updatedFrom: { assigneeId: "user-ada" },
      }),
    );
    expect(other.body).toMatchObject({ outcome: "ignored" });
  });

  it("acts once on a redelivery, and once per issue while its session lives", async () => {
    s = await startLinearServer("lin-redeliver");
    const payload = issueDelivery();
    const first = await s.deliver(payload, { delivery: "delivery-1" });
    const again = await s.deliver(payload, { delivery: "delivery-1" });
    expect(first.body.outcome).toBe("started");
    expect(again.body).toMatchObject({
      outcome: "duplicate",
      reason: "delivery delivery-1 was handled already",
    });

    // Labeled and assigned at once: two deliveries, one session.
    const assigned = await s.deliver(
      issueDelivery({ action: "update", assignee: botAssignee, updatedFrom: { assigneeId: null } }),
      { delivery: "delivery-2" },
    );
    expect(assigned.body).toMatchObject({ outcome: "ignored", sessionId: first.body.sessionId });
    expect(assigned.body.reason).toMatch(/ENG-12 already has a live session/);

    // Two deliveries of the same change racing each other still start one session.
    const racing = await Promise.all(
      ["delivery-3", "delivery-4"].map((delivery) =>
        s.deliver(issueDelivery({ identifier: "ENG-13" }), { delivery }),
      ),
    );
    expect(racing.map((r) => r.body.outcome).sort()).toEqual(["ignored", "started"]);

    expect((await s.t.store.listSessions()).map((x) => x.issue.key).sort()).toEqual(["ENG-12", "ENG-13"]);
    expect(await s.t.store.listJobs()).toHaveLength(2);
  });

  it("starts a new session when the label is added again after the last one ended", async () => {
    s = await startLinearServer("lin-again");
    const first = await s.deliver(issueDelivery());
    const id = first.body.sessionId as string;
    const { handleSessionEvent } = await import("../../src/sessions/handle-event.js");
    await handleSessionEvent(s.t.app, id, { id: "kill-1", type: "human.kill", by: "ada" }, { wait: true });
    const again = await s.deliver(
      issueDelivery({ action: "update", labels: ["drover"], updatedFrom: { labelIds: [] } }),
    );
    expect(again.body).toMatchObject({ outcome: "started" });
    expect(again.body.sessionId).not.toBe(id);
  });

  it("answers 400 naming the field when a genuine delivery is malformed", async () => {
    s = await startLinearServer("lin-malformed");
    const payload = issueDelivery();
    const bad = await s.deliver(
      { ...payload, data: { ...payload.data, identifier: "twelve" } },
      { delivery: "d-bad" },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/data\.identifier: expected an issue key such as "ENG-12"/);
    const noData = await s.deliver({ type: "Issue", action: "create", webhookTimestamp: Date.now() });
    expect(noData.status).toBe(400);
    expect(noData.body.error).toMatch(/data/);
    await nothingStored("d-bad");
  });

  it("answers 404 saying what to set when Linear is not configured", async () => {
    const { createTestApp } = await import("../support/test-app.js");
    const { dispatch } = await import("../../src/server/router.js");
    const { routes } = await import("../../src/server/routes.js");
    const { createServer } = await import("node:http");
    const t = createTestApp({ name: "lin-off" });
    const server = createServer((req, res) => void dispatch(t.app, routes, req, res));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    try {
      const port = (server.address() as { port: number }).port;
      const res = await fetch(`http://127.0.0.1:${port}/api/linear/webhooks`, { method: "POST", body: "{}" });
      expect(res.status).toBe(404);
      expect(((await res.json()) as { error: string }).error).toMatch(
        /LINEAR_API_KEY, LINEAR_WEBHOOK_SECRET/,
      );
    } finally {
      server.close();
      await t.close();
    }
  });
});
