// POST /api/runner/heartbeat: the runner still works on these jobs; their leases are extended.
import { z } from "zod";
import { leaseBounds } from "./limits.js";
import { protocolSchema } from "./version.js";

export const heartbeatRequestSchema = z.object({
  protocol: protocolSchema,
  jobIds: z.array(z.string().min(1).max(200)).max(1000),
  leaseMs: z.int().min(leaseBounds.minMs).max(leaseBounds.maxMs).default(leaseBounds.defaultMs),
});
export type HeartbeatRequest = z.input<typeof heartbeatRequestSchema>;

export const heartbeatResponseSchema = z.object({
  protocol: protocolSchema,
  /** The jobs this runner still holds; any other was taken back (its lease had expired). */
  held: z.array(z.string()),
  leaseUntil: z.number(),
});
export type HeartbeatResponse = z.output<typeof heartbeatResponseSchema>;
