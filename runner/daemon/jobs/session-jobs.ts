// Jobs on an agent the runner already runs: send a message, kill it, wipe it, clean up after a merge.
import { rmSync } from "node:fs";
import { join } from "node:path";
import type { RunnerJob } from "../../../src/protocol/jobs.js";
import { agentFor } from "../../agents/agent-for.js";
import { spoolFileName } from "../../hooks/spool-name.js";
import { removeWorkspace } from "../../workspaces/workspace.js";
import { type DaemonContext, JobError, runtimeFor } from "../daemon-context.js";
import type { LocalSession } from "../runner-state.js";

export async function sendMessage(ctx: DaemonContext, sessionId: string, message: string): Promise<string> {
  const session = ctx.state.get(sessionId);
  if (session?.status !== "running")
    throw new JobError(
      `no agent of session ${sessionId} is running on this runner, so the message cannot be delivered`,
    );
  const runtime = runtimeFor(ctx, session.handle);
  let delivery: Awaited<ReturnType<typeof runtime.send>>;
  try {
    delivery = await runtime.send(
      session.handle,
      message,
      agentFor(session.agent).probe,
      ctx.config.tuning.readyTimeoutMs,
    );
  } catch (error) {
    // A tmux error about a pane that no longer exists means the agent ended while the message was on its way.
    const [status] = await runtime.statuses([session.handle]).catch(() => [undefined]);
    if (status && !status.alive)
      throw new JobError(
        `the agent exited (${status.code === null ? "no exit code" : `code ${status.code}`}) before the message was delivered`,
      );
    throw error;
  }
  ctx.log.info({ sessionId, ...delivery, length: message.length }, "message delivered");
  // It has something to work on now: its output counts as activity again.
  ctx.state.update(sessionId, { waiting: false });
  return delivery.method === "stdin"
    ? "delivered on the agent's stdin"
    : `delivered (${delivery.method === "paste" ? "pasted" : "typed"}) and submitted${delivery.enterPresses > 1 ? ` after ${delivery.enterPresses} presses of Enter` : ""}`;
}

/** Stops the agent if it runs; reports its exit. Undefined when there was nothing to stop. */
export async function stopAgent(ctx: DaemonContext, session: LocalSession): Promise<boolean> {
  if (session.status !== "running") return false;
  // Marked first, so the health monitor does not report the same exit a second time.
  ctx.state.update(session.sessionId, { status: "exited", exitCode: null });
  await runtimeFor(ctx, session.handle).stop(session.handle);
  ctx.reports.emit({ type: "agent.exited", sessionId: session.sessionId, code: null });
  return true;
}

export async function killAgent(ctx: DaemonContext, sessionId: string): Promise<string> {
  const session = ctx.state.get(sessionId);
  if (!session) return "nothing to stop: this runner has no agent for the session";
  return (await stopAgent(ctx, session))
    ? "agent stopped; its workspace is kept"
    : "the agent had already exited";
}

/** Removes everything the runner keeps for the session; with `workspace`, the workspace and its branch too. */
export async function wipeSession(
  ctx: DaemonContext,
  sessionId: string,
  workspace: boolean,
): Promise<string> {
  const session = ctx.state.get(sessionId);
  if (!session) return "nothing to wipe: this runner has no state for the session";
  await stopAgent(ctx, session);
  if (workspace)
    await removeWorkspace(session.workspaceKind, session.repoPath, session.workspace, session.branch, {
      deleteBranch: true,
    });
  forget(ctx, session);
  return workspace
    ? `wiped, with the workspace and branch ${session.branch}`
    : "wiped; the workspace is kept";
}

export async function cleanUp(ctx: DaemonContext, sessionId: string): Promise<string> {
  const session = ctx.state.get(sessionId);
  if (session) {
    await stopAgent(ctx, session);
    await removeWorkspace(session.workspaceKind, session.repoPath, session.workspace, session.branch, {
      deleteBranch: true,
    });
    forget(ctx, session);
  }
  ctx.reports.emit({ type: "cleanup.done", sessionId });
  return session ? `workspace ${session.workspace} removed` : "nothing left to clean up on this runner";
}

function forget(ctx: DaemonContext, session: LocalSession): void {
  ctx.state.remove(session.sessionId);
  rmSync(ctx.paths.session(session.sessionId), { recursive: true, force: true });
  rmSync(join(ctx.paths.hookSpool, spoolFileName(session.sessionId)), { force: true });
}

export async function runSessionJob(ctx: DaemonContext, job: RunnerJob): Promise<string> {
  switch (job.kind) {
    case "send":
      return sendMessage(ctx, job.sessionId, job.message);
    case "kill":
      return killAgent(ctx, job.sessionId);
    case "wipe":
      return wipeSession(ctx, job.sessionId, job.workspace);
    case "cleanup":
      return cleanUp(ctx, job.sessionId);
    default:
      throw new JobError(`${job.kind} is not a session job`);
  }
}
