// Stops a convoy from any process: records the request (the running engine notices and winds down), ends every
// agent at once, then waits for the owner to record the stop — or records it itself when the owner is gone.
import { setTimeout as sleep } from "node:timers/promises";
import type { AgentLauncher } from "./agent-launcher.js";
import { ownerAlive } from "./convoy-owner.js";
import type { ConvoyState } from "./convoy-state.js";
import type { ConvoyStore } from "./convoy-store.js";
import { finishConvoy } from "./run-convoy.js";

export async function stopConvoy(
  state: ConvoyState,
  options: { store: ConvoyStore; launcher: AgentLauncher; waitMs?: number; now?: () => Date },
): Promise<ConvoyState> {
  const { store, launcher } = options;
  if (state.status !== "running") return state;
  await store.requestStop(state.id);
  // Not left to the owner: it may be hung, and a stop must end the agents (and their spending) now.
  await Promise.all(
    state.agents.map((a) => (a.status === "running" && a.handle ? launcher.stop(a.handle) : null)),
  );

  const deadline = Date.now() + (options.waitMs ?? 10_000);
  let current: ConvoyState | undefined = state;
  while (current && current.status === "running" && ownerAlive(current) && Date.now() < deadline) {
    await sleep(100);
    current = await store.load(state.id);
  }
  if (current?.status !== "running") {
    await store.clearStopRequest(state.id);
    return current ?? state;
  }
  // The owner is gone (or did not answer): finish the convoy here with what exists.
  const now = (options.now?.() ?? new Date()).toISOString();
  for (const agent of current.agents) {
    if (agent.status === "running" || agent.status === "pending") {
      Object.assign(agent, {
        status: "stopped",
        error: agent.status === "running" ? "stopped by request" : "never started: stopped",
        finishedAt: now,
      });
    }
  }
  const finished = await finishConvoy(current, store, { stopped: true, now });
  await store.clearStopRequest(state.id);
  await launcher.release?.(state.id);
  return finished;
}
