// Which queue a runner job goes to: work that needs the repo goes to any runner that has it; work on a
// running agent goes to the runner that runs it.
import type { RunnerJob } from "../core/effects.js";
import type { Session } from "../core/session.js";

export const repoQueue = (repo: string) => `repo:${repo.toLowerCase()}`;
export const runnerQueue = (runnerId: string) => `runner:${runnerId}`;

/** The queue for `job`, or undefined when it needs a runner the session does not have yet. */
export function queueFor(job: RunnerJob, session: Pick<Session, "runnerId">): string | undefined {
  // A respawn goes back to the runner that has the workspace; a new spawn to any runner with the repo.
  if (job.kind === "spawn" && job.recovery && session.runnerId) return runnerQueue(session.runnerId);
  if (job.kind === "spawn" || job.kind === "review") return repoQueue(job.repo);
  return session.runnerId ? runnerQueue(session.runnerId) : undefined;
}
