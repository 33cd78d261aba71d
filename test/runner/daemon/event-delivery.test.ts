// Delivery of buffered events to the real runner API: acknowledged batches leave the buffer, events the app
// refuses for good are dropped so the rest go on, and a revoked runner stops sending.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createAppClient } from "../../../runner/daemon/app-client.js";
import { startEventDelivery } from "../../../runner/daemon/event-delivery.js";
import { openEventOutbox } from "../../../runner/daemon/event-outbox.js";
import { protocolVersion } from "../../../src/protocol/version.js";
import { createLogger } from "../../../src/shared/logger.js";
import {
  type ProtocolServer,
  registrationToken,
  startProtocolServer,
} from "../../protocol/protocol-server.js";
import { waitFor } from "../support/runner-stack.js";

let s: ProtocolServer;
let dir: string;
afterEach(async () => {
  await s?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function runningSession(token: string, id: string) {
  await s.newSession(id);
  await s.call("POST", "/api/runner/poll", {
    token,
    body: { protocol: protocolVersion, capacity: 2, running: 0, repos: ["acme/web"] },
  });
}

describe("event delivery", () => {
  it("delivers in order, drops what the app refuses, and goes on", async () => {
    s = await startProtocolServer("delivery");
    const { token } = await s.register("laptop");
    await runningSession(token, "web-1");
    dir = mkdtempSync(join(tmpdir(), "drover-delivery-"));
    const log = createLogger("silent");
    const outbox = openEventOutbox(dir, log);
    outbox.append({ type: "agent.spawned", sessionId: "web-1" });
    outbox.append({ type: "agent.self_report", sessionId: "not-mine", status: "working" });
    outbox.append({
      type: "agent.self_report",
      sessionId: "web-1",
      status: "working",
      message: "after the refused one",
    });
    const delivery = startEventDelivery({
      outbox,
      client: createAppClient(s.url, token),
      log,
      onRefused: () => undefined,
    });
    expect(await delivery.drained(10_000)).toBe(true);
    await delivery.stop();
    const summaries = (await s.t.store.readLog("web-1")).map((e) => e.summary);
    expect(summaries).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^agent started on runner/),
        "agent reports working: after the refused one",
      ]),
    );
    expect(openEventOutbox(dir, log).pending()).toEqual([]);
  });

  it("stops for good when the app refuses the runner's token", async () => {
    s = await startProtocolServer("delivery-revoked");
    const { runnerId, token } = await s.register("laptop");
    await s.call("POST", "/api/runner/admin/revoke", {
      token: registrationToken,
      body: { protocol: protocolVersion, runnerId },
    });
    dir = mkdtempSync(join(tmpdir(), "drover-delivery-"));
    const log = createLogger("silent");
    const outbox = openEventOutbox(dir, log);
    outbox.append({ type: "agent.idle", sessionId: "web-1" });
    let refused = "";
    const delivery = startEventDelivery({
      outbox,
      client: createAppClient(s.url, token),
      log,
      onRefused: (error) => {
        refused = error.message;
      },
    });
    await waitFor(() => refused, "the refusal");
    await delivery.stop();
    expect(refused).toContain("was revoked");
    // What could not be delivered stays on disk for a runner registered again.
    expect(openEventOutbox(dir, log).pending()).toHaveLength(1);
  });
});
