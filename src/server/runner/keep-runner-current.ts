// Keeps a runner's record in step with what it declares on each poll (repos, capacity) and when it was last
// seen, writing only when something changed or the last-seen time is getting old (writes cost on Upstash).
import type { RunnerRecord } from "../../store/store.js";
import type { AppContext } from "../app-context.js";

const lastSeenResolutionMs = 30_000;

export async function keepRunnerCurrent(
  app: AppContext,
  runner: RunnerRecord,
  declared: { repos?: string[]; capacity?: number },
): Promise<RunnerRecord> {
  const now = app.now();
  const repos = declared.repos ? [...new Set(declared.repos)].sort() : runner.repos;
  const capacity = declared.capacity ?? runner.capacity;
  const stored = [...runner.repos].sort();
  const changed =
    capacity !== runner.capacity ||
    repos.length !== stored.length ||
    repos.some((repo, i) => repo !== stored[i]);
  if (!changed && now - runner.lastSeenAt < lastSeenResolutionMs) return runner;
  // Re-read right before writing: an admin may have revoked the runner since this request began.
  const current = await app.store.getRunner(runner.id);
  if (!current || current.revoked) return runner;
  const updated = { ...current, repos, capacity, lastSeenAt: now };
  await app.store.saveRunner(updated);
  return updated;
}
