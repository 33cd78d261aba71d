// POST /api/runner/poll: leases this runner's jobs (its own queue, then the queues of the repos it has while it
// has room for another agent) and answers at once with them and a hint of when to poll again.
import type { IncomingMessage, ServerResponse } from "node:http";
import { bodyLimits, pollAfter } from "../../protocol/limits.js";
import { type LeasedJob, type PollResponse, pollRequestSchema } from "../../protocol/poll.js";
import { protocolVersion } from "../../protocol/version.js";
import { repoQueue, runnerQueue } from "../../sessions/job-queues.js";
import type { JobRecord } from "../../store/store.js";
import type { AppContext } from "../app-context.js";
import { readJson, sendJson } from "../http.js";
import { admitJob } from "./admit-job.js";
import { authenticateRunner } from "./authenticate.js";
import { keepRunnerCurrent } from "./keep-runner-current.js";
import { sweepFromPoll } from "./sweep-from-poll.js";

/** Jobs for agents the runner already runs (send, kill…) in one poll; the rest wait for the next. */
const maxOwnJobs = 50;

export async function handleRunnerPoll(
  app: AppContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const authenticated = await authenticateRunner(app, req);
  const body = await readJson(req, pollRequestSchema, bodyLimits.poll);
  const runner = await keepRunnerCurrent(app, authenticated, { repos: body.repos, capacity: body.capacity });
  sweepFromPoll(app);

  const now = app.now();
  const own = await app.store.leaseJobs(runner.id, [runnerQueue(runner.id)], maxOwnJobs, body.leaseMs, now);
  // A respawn in the runner's own queue takes a slot too.
  const slots = body.capacity - body.running - own.filter((j) => j.payload.kind === "spawn").length;
  const fromRepos =
    slots > 0 && body.repos.length > 0
      ? await app.store.leaseJobs(runner.id, body.repos.map(repoQueue), slots, body.leaseMs, now)
      : [];

  const jobs: LeasedJob[] = [];
  for (const job of [...own, ...fromRepos]) {
    if (await admitJob(app, runner, job)) jobs.push(leased(job));
  }
  const more = own.length === maxOwnJobs || (slots > 0 && fromRepos.length === slots);
  const reply: PollResponse = {
    protocol: protocolVersion,
    jobs,
    pollAfterMs:
      jobs.length > 0 || more
        ? pollAfter.jobsWaitingMs
        : body.running > 0
          ? pollAfter.busyMs
          : pollAfter.idleMs,
    leaseMs: body.leaseMs,
    serverTime: now,
  };
  sendJson(res, 200, reply);
}

function leased(job: JobRecord): LeasedJob {
  return { id: job.id, attempts: job.attempts, leaseUntil: job.leaseUntil ?? 0, job: job.payload };
}
