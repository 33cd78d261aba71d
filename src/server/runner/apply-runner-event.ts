// Turns one runner event into what the app records: a core event on the session (its id derived from the
// runner's stream and sequence number, so a replay is a no-op), a cost record, an output tail or a log line.
import type { SessionEvent } from "../../core/events.js";
import type { RunnerEvent } from "../../protocol/runner-events.js";
import { recordEvent } from "../../sessions/record-event.js";
import type { RunnerRecord } from "../../store/store.js";
import type { AppContext } from "../app-context.js";
import type { BatchContext } from "./authorize-events.js";
import { outputLogId, outputLogMax } from "./output-log.js";
import { recordAgentCost } from "./record-agent-cost.js";
import { recordConvoyProgress, recordConvoyResult } from "./record-convoy-event.js";
import { reportReviewFailure } from "./report-review-failure.js";

/** How long a replay of a log-only event (output, convoy progress) is recognised. */
const replayWindowMs = 7 * 86_400_000;

export interface ApplyContext extends BatchContext {
  runner: RunnerRecord;
  stream: string;
  /** Sessions that got core events, whose effects are carried out once the batch is recorded. */
  touched: Set<string>;
}

/** "stale" when the event came too late to change anything (a job whose lease had expired). */
export async function applyRunnerEvent(
  app: AppContext,
  event: RunnerEvent,
  ctx: ApplyContext,
): Promise<"applied" | "stale"> {
  const id = `runner:${ctx.runner.id}:${ctx.stream}:${event.seq}`;
  const now = app.now();
  const record = async (sessionId: string, coreEvent: SessionEvent) => {
    const session = ctx.sessions.get(sessionId)!;
    await recordEvent(app, sessionId, coreEvent, session.repo);
    ctx.touched.add(sessionId);
  };
  // Log-only events have no core id to dedupe on: the first delivery marks them.
  // Asked once per event, however many parts of its handling want to know.
  let marked: Promise<boolean> | undefined;
  const firstTime = () => (marked ??= app.store.markDelivery(`runner-event:${id}`, replayWindowMs));

  switch (event.type) {
    case "agent.spawned":
      await record(event.sessionId, {
        type: "agent.spawned",
        id,
        runnerId: ctx.runner.id,
        ...(event.agentSessionId ? { agentSessionId: event.agentSessionId } : {}),
      });
      return "applied";
    case "agent.activity":
      await record(event.sessionId, {
        type: "agent.activity",
        id,
        ...(event.detail ? { detail: event.detail } : {}),
        ...(event.agentSessionId ? { agentSessionId: event.agentSessionId } : {}),
      });
      return "applied";
    case "agent.idle":
      await record(event.sessionId, { type: "agent.idle", id });
      return "applied";
    case "agent.needs_input":
      await record(event.sessionId, { type: "agent.needs_input", id, message: event.message });
      return "applied";
    case "agent.exited":
      await record(event.sessionId, { type: "agent.exited", id, code: event.code });
      return "applied";
    case "agent.self_report":
      await record(event.sessionId, {
        type: "agent.self_report",
        id,
        status: event.status,
        ...(event.message ? { message: event.message } : {}),
      });
      return "applied";
    case "cleanup.done":
      await record(event.sessionId, { type: "cleanup.done", id });
      return "applied";
    case "agent.cost": {
      const session = ctx.sessions.get(event.sessionId)!;
      await record(event.sessionId, await recordAgentCost(app, session, event, id));
      return "applied";
    }
    case "agent.output":
      if (await firstTime()) {
        const last = event.lines.findLast((line) => line.trim() !== "") ?? "";
        await app.store.appendLog(
          outputLogId(event.sessionId),
          [
            {
              at: now,
              kind: "output",
              summary: last.slice(0, 200),
              data: { lines: event.lines, seenAt: event.at },
            },
          ],
          outputLogMax,
        );
      }
      return "applied";
    case "convoy.progress": {
      const summary = `convoy ${event.convoyId}${event.role ? ` ${event.role}` : ""}: ${event.status}${event.message ? ` (${event.message})` : ""}`;
      app.log.info({ runnerId: ctx.runner.id, convoyId: event.convoyId, status: event.status }, summary);
      if (!(await firstTime())) return "applied";
      if (event.jobId)
        await recordConvoyProgress(app, event, ctx.jobs.get(event.jobId)!, ctx.runner, summary);
      else if (event.sessionId)
        await app.store.appendLog(event.sessionId, [{ at: now, kind: "convoy", summary }]);
      return "applied";
    }
    case "convoy.result":
      await recordConvoyResult(app, event, ctx.jobs.get(event.jobId)!, ctx.runner);
      return "applied";
    case "job.finished":
      return finishJob(app, event, ctx, id, firstTime);
  }
}

async function finishJob(
  app: AppContext,
  event: Extract<RunnerEvent, { type: "job.finished" }>,
  ctx: ApplyContext,
  id: string,
  firstTime: () => Promise<boolean>,
): Promise<"applied" | "stale"> {
  const job = ctx.jobs.get(event.jobId)!;
  const error = event.error ?? "the runner gave no reason";
  const outcome = event.ok ? ({ ok: true } as const) : ({ ok: false, error } as const);
  if (!(await app.store.finishJob(ctx.runner.id, job.id, outcome, app.now()))) return "stale";
  if (!event.ok && job.payload.kind === "review" && (await firstTime()))
    app.defer(reportReviewFailure(app, job.payload, error));
  if (!job.sessionId) return "applied";
  const session = ctx.sessions.get(job.sessionId) ?? (await app.store.getSession(job.sessionId));
  if (!session) return "applied";
  if (!event.ok && job.payload.kind === "spawn") {
    ctx.sessions.set(session.id, session);
    await recordEvent(
      app,
      session.id,
      { type: "agent.spawn_failed", id, runnerId: ctx.runner.id, error },
      session.repo,
    );
    ctx.touched.add(session.id);
  } else if ((event.note || !event.ok) && (await firstTime())) {
    const summary = event.ok
      ? `${job.payload.kind} job done: ${event.note}`
      : `${job.payload.kind} job failed on runner ${ctx.runner.id}: ${error}`;
    await app.store.appendLog(session.id, [{ at: app.now(), kind: event.ok ? "job" : "error", summary }]);
  }
  return "applied";
}
