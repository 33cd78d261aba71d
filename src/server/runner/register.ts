// POST /api/runner/register: a registration token buys a runner id and a secret; only the secret's hash is kept.
import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { bodyLimits } from "../../protocol/limits.js";
import { type RegisterResponse, registerRequestSchema } from "../../protocol/register.js";
import { formatRunnerToken, hashSecret } from "../../protocol/runner-token.js";
import { protocolVersion } from "../../protocol/version.js";
import type { AppContext } from "../app-context.js";
import { readJson, sendJson } from "../http.js";
import { requireRegistrationToken } from "./authenticate.js";

export async function handleRunnerRegister(
  app: AppContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  requireRegistrationToken(app, req);
  const body = await readJson(req, registerRequestSchema, bodyLimits.register);
  const now = app.now();
  const runnerId = app.newId("runner");
  const secret = randomBytes(32).toString("base64url");
  await app.store.saveRunner({
    id: runnerId,
    name: body.name,
    secretHash: hashSecret(secret),
    repos: [...new Set(body.repos)].sort(),
    capacity: body.capacity,
    createdAt: now,
    lastSeenAt: now,
    revoked: false,
  });
  app.log.info({ runnerId, name: body.name, repos: body.repos }, "runner registered");
  const reply: RegisterResponse = {
    protocol: protocolVersion,
    runnerId,
    name: body.name,
    token: formatRunnerToken({ runnerId, secret }),
  };
  sendJson(res, 201, reply);
}
