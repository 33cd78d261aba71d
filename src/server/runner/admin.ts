// Admin calls on the runner API (authorised by the registration token): revoke a runner, list the runners,
// and start a session by hand, which is how a local `drover serve` without a GitHub App gets work.
import type { IncomingMessage, ServerResponse } from "node:http";
import { branchFor } from "../../core/start-session.js";
import {
  type RunnerSummary,
  revokeRequestSchema,
  type StartSessionResponse,
  startSessionRequestSchema,
} from "../../protocol/admin.js";
import { bodyLimits } from "../../protocol/limits.js";
import { protocolVersion } from "../../protocol/version.js";
import { createSession } from "../../sessions/create-session.js";
import { readableSessionId } from "../../sessions/readable-session-id.js";
import { runnerHasRepo } from "../../sessions/runner-has-repo.js";
import type { RunnerRecord } from "../../store/store.js";
import type { AppContext } from "../app-context.js";
import { HttpError, readJson, sendJson } from "../http.js";
import { requireRegistrationToken } from "./authenticate.js";

export async function handleRunnerRevoke(
  app: AppContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  requireRegistrationToken(app, req);
  const body = await readJson(req, revokeRequestSchema, bodyLimits.admin);
  const runner = await app.store.getRunner(body.runnerId);
  if (!runner)
    throw new HttpError(404, `There is no runner ${body.runnerId}; \`drover runner list\` shows them.`);
  if (!runner.revoked) await app.store.saveRunner({ ...runner, revoked: true });
  app.log.info({ runnerId: runner.id }, "runner revoked");
  sendJson(res, 200, { protocol: protocolVersion, runner: summary({ ...runner, revoked: true }) });
}

export async function handleRunnerList(
  app: AppContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  requireRegistrationToken(app, req);
  const runners = await app.store.listRunners();
  sendJson(res, 200, { protocol: protocolVersion, runners: runners.map(summary) });
}

export async function handleStartSession(
  app: AppContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  requireRegistrationToken(app, req);
  const body = await readJson(req, startSessionRequestSchema, bodyLimits.admin);
  const key = String(body.issue.number);
  const sessionId = readableSessionId(body.repo, key);
  const runnerAvailable = await runnerHasRepo(app, body.repo);
  const branch = branchFor(key, body.issue.title);
  const session = await createSession(
    app,
    {
      id: sessionId,
      repo: body.repo,
      issue: {
        tracker: "github",
        key,
        number: body.issue.number,
        title: body.issue.title,
        url: body.issue.url ?? `https://github.com/${body.repo}/issues/${key}`,
        ...(body.issue.body ? { body: body.issue.body } : {}),
      },
      agent: body.agent,
      ...(body.model ? { model: body.model } : {}),
      branch,
      runnerAvailable,
      requestedBy: "admin",
    },
    { wait: true },
  );
  if (!session) throw new HttpError(409, `Session ${sessionId} exists already; send the request again.`);
  const reply: StartSessionResponse = {
    protocol: protocolVersion,
    sessionId,
    state: session.state,
    branch,
    runnerAvailable,
  };
  sendJson(res, 201, reply);
}

function summary(runner: RunnerRecord): RunnerSummary {
  const { secretHash: _hidden, ...rest } = runner;
  return rest;
}
