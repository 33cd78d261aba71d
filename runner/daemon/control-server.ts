// The daemon's local door: an HTTP server on a unix socket in the data folder (mode 0600, so only the user
// reaches it). Claude Code hooks and `drover report` come in here, and so do the session commands.
import { chmodSync, existsSync, rmSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { connect } from "node:net";
import type { z } from "zod";
import { formatIssues } from "../../src/config/format-issues.js";
import {
  type DaemonStatus,
  type SessionSummary,
  selfReportSchema,
  sendRequestSchema,
  wipeRequestSchema,
} from "../local/control-protocol.js";
import { RuntimeError } from "../runtimes/runtime.js";
import { createTmuxRuntime } from "../runtimes/tmux-runtime.js";
import { claudeHookPayloadSchema } from "./claude-hook-payload.js";
import { type DaemonContext, JobError, runtimeFor } from "./daemon-context.js";
import { killAgent, sendMessage, wipeSession } from "./jobs/session-jobs.js";
import type { LocalSession } from "./runner-state.js";

class LocalError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function sessionSummary(session: LocalSession): SessionSummary {
  return {
    sessionId: session.sessionId,
    repo: session.repo,
    issueKey: session.issueKey,
    branch: session.branch,
    agent: session.agent,
    status: session.status,
    ...(session.exitCode !== undefined ? { exitCode: session.exitCode } : {}),
    runtime: session.handle.kind,
    workspace: session.workspace,
    startedAt: session.startedAt,
    ...(session.agentSessionId ? { agentSessionId: session.agentSessionId } : {}),
    ...(session.handle.kind === "tmux"
      ? { attach: createTmuxRuntime(session.handle.socket).attachArgs(session.handle) }
      : {}),
  };
}

/** Sessions for an issue as people name it: "42", "acme/web#42", or a session id. */
export function sessionsForIssue(sessions: LocalSession[], issue: string): LocalSession[] {
  const [repo, key] = issue.includes("#") ? issue.split("#") : [undefined, issue];
  return sessions.filter(
    (s) =>
      s.sessionId === issue ||
      (s.issueKey.toLowerCase() === key!.toLowerCase() &&
        (!repo || s.repo.toLowerCase() === repo.toLowerCase())),
  );
}

export async function startControlServer(ctx: DaemonContext, status: () => DaemonStatus): Promise<Server> {
  const socket = ctx.paths.socket;
  if (existsSync(socket)) {
    if (await answers(socket)) throw new JobError(`a runner daemon is already running here (${socket})`);
    rmSync(socket, { force: true }); // left by a daemon that did not exit cleanly
  }
  const server = createServer((req, res) => {
    void handle(ctx, status, req, res).catch((error: unknown) => {
      const code =
        error instanceof LocalError
          ? error.status
          : error instanceof JobError || error instanceof RuntimeError
            ? 409
            : 500;
      if (code === 500) ctx.log.error({ err: error }, "local request failed");
      if (!res.headersSent) reply(res, code, { error: (error as Error).message });
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(socket, () => resolve());
  });
  chmodSync(socket, 0o600);
  return server;
}

async function handle(
  ctx: DaemonContext,
  status: () => DaemonStatus,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? "/", "http://runner");
  const parts = url.pathname.split("/").filter(Boolean).map(decodeURIComponent);
  // The third segment of /v1/hooks/<id> and /v1/sessions/<id>/… is the session id.
  const shape = parts.map((p, i) => (i === 2 && (parts[1] === "hooks" || parts[1] === "sessions") ? ":" : p));
  const route = `${req.method} /${shape.join("/")}`;
  const local = (id: string) => {
    const session = ctx.state.get(id);
    if (!session)
      throw new LocalError(404, `this runner has no session ${id}; \`drover runner sessions\` lists them`);
    return session;
  };
  switch (route) {
    case "POST /v1/hooks/:": {
      const payload = await body(req, claudeHookPayloadSchema);
      // An agent can speak before its runner has stored it (SessionStart while the spawn finishes): wait for it.
      await ctx.state.settled(parts[2]!);
      ctx.reports.hook(parts[2]!, payload);
      return reply(res, 200, { ok: true });
    }
    case "POST /v1/report": {
      const report = await body(req, selfReportSchema);
      await ctx.state.settled(report.sessionId);
      local(report.sessionId);
      ctx.reports.selfReport(report.sessionId, report.status, report.message);
      return reply(res, 200, { ok: true });
    }
    case "GET /v1/status":
      return reply(res, 200, status());
    case "GET /v1/sessions":
      return reply(res, 200, { sessions: ctx.state.all().map(sessionSummary) });
    case "GET /v1/sessions/:/screen": {
      const session = local(parts[2]!);
      const lines = Math.min(Number(url.searchParams.get("lines") ?? 50) || 50, 5000);
      return reply(res, 200, { lines: await runtimeFor(ctx, session.handle).capture(session.handle, lines) });
    }
    case "POST /v1/sessions/:/send": {
      const { message } = await body(req, sendRequestSchema);
      local(parts[2]!);
      return reply(res, 200, { note: await sendMessage(ctx, parts[2]!, message) });
    }
    case "POST /v1/sessions/:/kill":
      local(parts[2]!);
      return reply(res, 200, { note: await killAgent(ctx, parts[2]!) });
    case "POST /v1/wipe": {
      const request = await body(req, wipeRequestSchema);
      const matching = sessionsForIssue(ctx.state.all(), request.issue);
      if (matching.length === 0)
        throw new LocalError(404, `this runner has no session for issue ${request.issue}`);
      const notes: string[] = [];
      for (const s of matching)
        notes.push(`${s.sessionId}: ${await wipeSession(ctx, s.sessionId, request.workspace)}`);
      return reply(res, 200, { note: notes.join("\n") });
    }
    default:
      throw new LocalError(404, `no local route ${req.method} ${url.pathname}`);
  }
}

async function body<T extends z.ZodType>(req: IncomingMessage, schema: T): Promise<z.output<T>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 2 * 1024 * 1024) throw new LocalError(413, "body too large");
    chunks.push(chunk as Buffer);
  }
  let json: unknown;
  try {
    json = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    throw new LocalError(400, "the body is not JSON");
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new LocalError(400, formatIssues(parsed.error).replace(/\n/g, "; "));
  return parsed.data;
}

function reply(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(value));
}

function answers(socket: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = connect(socket, () => {
      probe.end();
      resolve(true);
    });
    probe.once("error", () => resolve(false));
  });
}
