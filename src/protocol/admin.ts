// Admin calls on the runner API, authorised by the registration token: revoke a runner, list runners, and
// start a session by hand (a local `drover serve` has no GitHub to start them from).
import { z } from "zod";
import { agentNames } from "../config/repo-config.js";
import { repoNameSchema } from "./repo-name.js";
import { protocolSchema } from "./version.js";

export const revokeRequestSchema = z.object({
  protocol: protocolSchema,
  runnerId: z.string().min(1).max(200),
});
export type RevokeRequest = z.input<typeof revokeRequestSchema>;

export const runnerSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  repos: z.array(z.string()),
  capacity: z.number(),
  createdAt: z.number(),
  lastSeenAt: z.number(),
  revoked: z.boolean(),
});
export type RunnerSummary = z.output<typeof runnerSummarySchema>;

export const runnersResponseSchema = z.object({
  protocol: protocolSchema,
  runners: z.array(runnerSummarySchema),
});

export const startSessionRequestSchema = z.object({
  protocol: protocolSchema,
  repo: repoNameSchema,
  issue: z.object({
    /** The GitHub issue number (or any number you like on a local server). */
    number: z.int().positive(),
    title: z.string().trim().min(1).max(500),
    body: z.string().max(100_000).optional(),
    url: z.url().optional(),
  }),
  agent: z.enum(agentNames).default("claude-code"),
  model: z.string().min(1).max(200).optional(),
});
export type StartSessionRequest = z.input<typeof startSessionRequestSchema>;

export const startSessionResponseSchema = z.object({
  protocol: protocolSchema,
  sessionId: z.string(),
  state: z.string(),
  branch: z.string(),
  runnerAvailable: z.boolean(),
});
export type StartSessionResponse = z.output<typeof startSessionResponseSchema>;
