// POST /api/runner/register: a registration token (from the app's admin) buys a runner id and its secret.
import { z } from "zod";
import { repoNameSchema } from "./repo-name.js";
import { protocolSchema } from "./version.js";

export const registerRequestSchema = z.object({
  protocol: protocolSchema,
  name: z.string().trim().min(1).max(100),
  /** Repositories this runner has a checkout of; spawn jobs for them may come here. */
  repos: z.array(repoNameSchema).max(500).default([]),
  /** How many agents it runs at once. */
  capacity: z.int().min(1).max(100).default(2),
  platform: z.string().max(100).optional(),
  version: z.string().max(50).optional(),
});
export type RegisterRequest = z.input<typeof registerRequestSchema>;

export const registerResponseSchema = z.object({
  protocol: protocolSchema,
  runnerId: z.string(),
  name: z.string(),
  /** `<runner id>.<secret>`: shown once, sent as `Authorization: Bearer <token>` on every call. */
  token: z.string(),
});
export type RegisterResponse = z.output<typeof registerResponseSchema>;
