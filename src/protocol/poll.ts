// POST /api/runner/poll: answers at once with the jobs leased to this runner and when to ask again, so no
// request is held open (a held request costs money on serverless).
import { z } from "zod";
import { runnerJobSchema } from "./jobs.js";
import { leaseBounds } from "./limits.js";
import { repoNameSchema } from "./repo-name.js";
import { protocolSchema } from "./version.js";

export const pollRequestSchema = z.object({
  protocol: protocolSchema,
  /** Agents this runner may run at once. */
  capacity: z.int().min(0).max(100),
  /** Agents running now: spawn jobs come only while running < capacity. */
  running: z.int().min(0).max(10_000),
  repos: z.array(repoNameSchema).max(500),
  /** How long the runner wants each lease; it heartbeats well within it. */
  leaseMs: z.int().min(leaseBounds.minMs).max(leaseBounds.maxMs).default(leaseBounds.defaultMs),
});
export type PollRequest = z.input<typeof pollRequestSchema>;

export const leasedJobSchema = z.object({
  id: z.string(),
  /** How many times a runner has leased it; above 1 the job may have been started before. */
  attempts: z.int(),
  leaseUntil: z.number(),
  job: runnerJobSchema,
});
export type LeasedJob = z.output<typeof leasedJobSchema>;

export const pollResponseSchema = z.object({
  protocol: protocolSchema,
  jobs: z.array(leasedJobSchema),
  pollAfterMs: z.int().min(0),
  leaseMs: z.int(),
  serverTime: z.number(),
});
export type PollResponse = z.output<typeof pollResponseSchema>;
