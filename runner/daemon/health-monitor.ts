// Watches every running agent: a dead tmux pane or an ended process becomes agent.exited with its exit code
// (after a last look at its output); agents without hooks report activity when their output changes; and the
// output tail goes to the app every so often while it changes. The app decides "stuck" from what arrives.
import { createHash } from "node:crypto";
import { maxOutputChars } from "../../src/protocol/limits.js";
import { agentFor } from "../agents/agent-for.js";
import { type DaemonContext, runtimeFor } from "./daemon-context.js";
import type { LocalSession } from "./runner-state.js";

export interface HealthMonitor {
  /** One pass now (also what the timer runs); passes never overlap. */
  check(): Promise<void>;
  stop(): void;
}

const tailLines = 40;

export function startHealthMonitor(
  ctx: DaemonContext,
  hooks: { onExit(session: LocalSession): void },
): HealthMonitor {
  const seen = new Map<string, { hash: string; sentHash?: string; sentAt: number }>();
  let running: Promise<void> | undefined;

  const tail = async (session: LocalSession): Promise<string[]> => {
    try {
      const lines = await runtimeFor(ctx, session.handle).capture(session.handle, tailLines);
      return lines.map((l) => (l.length > 500 ? `${l.slice(0, 499)}…` : l));
    } catch {
      return [];
    }
  };
  const sendTail = (sessionId: string, lines: string[]) => {
    let total = 0;
    const kept: string[] = [];
    for (const line of [...lines].reverse()) {
      total += line.length + 1;
      if (total > maxOutputChars) break;
      kept.unshift(line);
    }
    ctx.reports.emit({ type: "agent.output", sessionId, lines: kept });
  };

  const exited = async (session: LocalSession, code: number | null) => {
    // Marked first: a kill job racing this pass must not report the same exit again.
    const current = ctx.state.get(session.sessionId);
    if (current?.status !== "running") return;
    ctx.state.update(session.sessionId, { status: "exited", exitCode: code });
    const lines = await tail(session);
    if (lines.length > 0) sendTail(session.sessionId, lines);
    ctx.reports.emit({ type: "agent.exited", sessionId: session.sessionId, code });
    ctx.log.info({ sessionId: session.sessionId, code }, "agent exited");
    // The pane was kept only to read the exit status.
    await runtimeFor(ctx, session.handle)
      .stop(session.handle)
      .catch(() => undefined);
    seen.delete(session.sessionId);
    hooks.onExit(session);
  };

  const pass = async () => {
    const sessions = ctx.state.running();
    if (sessions.length === 0) return;
    const now = Date.now();
    for (const kind of ["tmux", "process"] as const) {
      const group = sessions.filter((s) => s.handle.kind === kind);
      if (group.length === 0) continue;
      const statuses = await ctx.runtimes[kind].statuses(group.map((s) => s.handle));
      for (const [i, session] of group.entries()) {
        const status = statuses[i]!;
        if (!status.alive) {
          await exited(session, status.code);
          continue;
        }
        // Agents with hooks report their own activity; a waiting agent's output is only its prompt redrawn.
        const watchesOutput = !agentFor(session.agent).hooks && !session.waiting;
        const last = seen.get(session.sessionId);
        const tailDue = !last || now - last.sentAt >= ctx.config.tuning.outputTailIntervalMs;
        if (!watchesOutput && !tailDue) continue;
        const lines = await tail(session);
        const hash = createHash("sha1").update(lines.join("\n")).digest("hex");
        // Asked again after the capture: an agent that reported it waits for input meanwhile has printed its
        // question, which is no sign of work, and an activity report sent after its needs-input would undo it.
        const stillWatched = watchesOutput && ctx.state.get(session.sessionId)?.waiting !== true;
        if (last && hash !== last.hash && stillWatched)
          ctx.reports.activity(session.sessionId, "output changed");
        const entry = { hash, sentHash: last?.sentHash, sentAt: last?.sentAt ?? 0 };
        if (tailDue && hash !== last?.sentHash && lines.length > 0) {
          sendTail(session.sessionId, lines);
          entry.sentHash = hash;
          entry.sentAt = now;
        }
        seen.set(session.sessionId, entry);
      }
    }
  };

  const check = async () => {
    if (running) return running;
    running = pass()
      .catch((error: Error) => ctx.log.warn({ err: error.message }, "health check failed"))
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  const timer = setInterval(() => void check(), ctx.config.tuning.healthIntervalMs);
  timer.unref();
  return { check, stop: () => clearInterval(timer) };
}
