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
  interface Entry {
    path: string;
    agentSessionId: string;
    reader: LiveCostReader;
    /** Reads made after the agent stopped running. */
    lastReads: number;
  }
  const readers = new Map<string, Entry>();
  const sent = new Map<string, string>();
  let busy = false;

  const readEntry = async (sessionId: string, entry: Entry) => {
    let snapshots: Awaited<ReturnType<LiveCostReader["read"]>>;
    try {
      snapshots = await entry.reader.read();
    } catch (error) {
      // The transcript may not exist yet in the first seconds of a session.
      if ((error as NodeJS.ErrnoException).code !== "ENOENT")
        ctx.log.warn({ sessionId, err: (error as Error).message }, "live cost read failed");
      return;
    }
    for (const s of snapshots) {
      const key = `${sessionId}\0${entry.agentSessionId}\0${s.model}\0${s.day}`;
      const value = JSON.stringify(s);
      if (sent.get(key) === value) continue;
      sent.set(key, value);
      ctx.reports.emit({
        type: "agent.cost",
        sessionId,
        agentSessionId: entry.agentSessionId,
        ...s,
        usd: Math.max(0, s.usd),
      });
    }
  };

  const readSession = async (session: LocalSession) => {
    if (!session.transcriptPath || !session.agentSessionId) return;
    let entry = readers.get(session.sessionId);
    if (!entry || entry.path !== session.transcriptPath) {
      // A new transcript (a restarted agent, /clear): what the old one gained since the last read still counts.
      if (entry) await readEntry(session.sessionId, entry);
      entry = {
        path: session.transcriptPath,
        agentSessionId: session.agentSessionId,
        reader: open(session.transcriptPath),
        lastReads: 0,
      };
      readers.set(session.sessionId, entry);
    }
    await readEntry(session.sessionId, entry);
  };

  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    void (async () => {
      for (const session of ctx.state.running()) await readSession(session);
      for (const [id, entry] of [...readers]) {
        if (ctx.state.get(id)?.status === "running") continue;
        // Last reads: a stopped agent (a budget stop, /drover kill) may have spent more since the last tick,
        // and a process being killed can still be flushing its transcript, so read on two ticks before letting go.
        await readEntry(id, entry);
        entry.lastReads += 1;
        if (entry.lastReads >= 2) readers.delete(id);
      }
    })().finally(() => {
      busy = false;
    });
  }, ctx.config.tuning.liveCostIntervalMs);
  timer.unref();
  return { readSession, stop: () => clearInterval(timer) };
}
