// Every interval, each running agent that has a transcript (from Claude's SessionStart hook) has its live cost
// read through the live-cost seam; snapshots that changed go to the app as agent.cost events.
import type { DaemonContext } from "./daemon-context.js";
import type { LiveCostReader, OpenLiveCost } from "./live-cost.js";
import type { LocalSession } from "./runner-state.js";

export interface LiveCostLoop {
  /** Reads one session now (a last read when its agent exits). */
  readSession(session: LocalSession): Promise<void>;
  stop(): void;
}

export function startLiveCostLoop(ctx: DaemonContext, open: OpenLiveCost): LiveCostLoop {
  const readers = new Map<string, { path: string; reader: LiveCostReader }>();
  const sent = new Map<string, string>();
  let busy = false;

  const readSession = async (session: LocalSession) => {
    if (!session.transcriptPath || !session.agentSessionId) return;
    let entry = readers.get(session.sessionId);
    if (!entry || entry.path !== session.transcriptPath) {
      entry = { path: session.transcriptPath, reader: open(session.transcriptPath) };
      readers.set(session.sessionId, entry);
    }
    let snapshots: Awaited<ReturnType<LiveCostReader["read"]>>;
    try {
      snapshots = await entry.reader.read();
    } catch (error) {
      // The transcript may not exist yet in the first seconds of a session.
      if ((error as NodeJS.ErrnoException).code !== "ENOENT")
        ctx.log.warn(
          { sessionId: session.sessionId, err: (error as Error).message },
          "live cost read failed",
        );
      return;
    }
    for (const s of snapshots) {
      const key = `${session.sessionId}\0${session.agentSessionId}\0${s.model}\0${s.day}`;
      const value = JSON.stringify(s);
      if (sent.get(key) === value) continue;
      sent.set(key, value);
      ctx.reports.emit({
        type: "agent.cost",
        sessionId: session.sessionId,
        agentSessionId: session.agentSessionId,
        ...s,
        usd: Math.max(0, s.usd),
      });
    }
  };

  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    void (async () => {
      for (const session of ctx.state.running()) await readSession(session);
      for (const id of readers.keys()) if (ctx.state.get(id)?.status !== "running") readers.delete(id);
    })().finally(() => {
      busy = false;
    });
  }, ctx.config.tuning.liveCostIntervalMs);
  timer.unref();
  return { readSession, stop: () => clearInterval(timer) };
}
