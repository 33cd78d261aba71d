// POST /api/runner/heartbeat: extends the leases of the jobs the runner is still working on.
import type { IncomingMessage, ServerResponse } from "node:http";
import { type HeartbeatResponse, heartbeatRequestSchema } from "../../protocol/heartbeat.js";
import { bodyLimits } from "../../protocol/limits.js";
import { protocolVersion } from "../../protocol/version.js";
import type { AppContext } from "../app-context.js";
import { readJson, sendJson } from "../http.js";
import { authenticateRunner } from "./authenticate.js";
import { keepRunnerCurrent } from "./keep-runner-current.js";

export async function handleRunnerHeartbeat(
  app: AppContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const runner = await authenticateRunner(app, req);
  const body = await readJson(req, heartbeatRequestSchema, bodyLimits.heartbeat);
  await keepRunnerCurrent(app, runner, {});
  const now = app.now();
  const held = await app.store.extendLeases(runner.id, body.jobIds, body.leaseMs, now);
  const reply: HeartbeatResponse = { protocol: protocolVersion, held, leaseUntil: now + body.leaseMs };
  sendJson(res, 200, reply);
}
