// Live cost: the seam the daemon calls every interval for each running agent that has a transcript. A reader
// follows one transcript incrementally (the cost module's TranscriptTail reads only what was appended and
// de-duplicates Claude's repeated lines) and answers the agent session's cumulative usage per model and UTC day,
// which is exactly what the protocol's agent.cost event carries.
import { openTranscriptTail, type TailEntry } from "../../src/cost/transcript-tail.js";
import type { CostReport } from "../../src/store/store.js";

/** One agent session's cumulative usage for one model on one UTC day: a cost report without its owners. */
export type CostSnapshot = Omit<CostReport, "sessionId" | "repo" | "issueKey" | "agentSessionId">;

export interface LiveCostReader {
  /** The agent session so far, one snapshot per (model, day). */
  read(): Promise<CostSnapshot[]>;
}

export type OpenLiveCost = (transcriptPath: string) => LiveCostReader;

export const openLiveCost: OpenLiveCost = (transcriptPath) => {
  const tail = openTranscriptTail(transcriptPath);
  // Each counted response by its key; a more complete copy of a response replaces the earlier one.
  const counted = new Map<string, TailEntry>();
  let unkeyed = 0;
  return {
    async read() {
      const update = await tail.readNew();
      if (update.reset) counted.clear();
      for (const item of update.entries) {
        const { messageId, requestId } = item.entry;
        counted.set(messageId === undefined ? `#${unkeyed++}` : `${messageId}\0${requestId ?? ""}`, item);
      }
      const byKey = new Map<string, CostSnapshot>();
      for (const { entry, cost } of counted.values()) {
        const model = entry.model ?? "unknown";
        const day = new Date(entry.timestamp).toISOString().slice(0, 10);
        const key = `${model}\0${day}`;
        const s = byKey.get(key) ?? {
          model,
          day,
          inputTokens: 0,
          outputTokens: 0,
          cacheCreationTokens: 0,
          cacheReadTokens: 0,
          usd: 0,
        };
        s.inputTokens += entry.usage.inputTokens;
        s.outputTokens += entry.usage.outputTokens;
        s.cacheCreationTokens += entry.usage.cacheWrite5mTokens + entry.usage.cacheWrite1hTokens;
        s.cacheReadTokens += entry.usage.cacheReadTokens;
        s.usd += cost;
        byKey.set(key, s);
      }
      return [...byKey.values()];
    },
  };
};
