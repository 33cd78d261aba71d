// The jobs the app hands to runners, as they travel over the wire and sit in the store.
import { z } from "zod";

export const issueRefSchema = z.object({
  tracker: z.enum(["github", "linear"]),
  key: z.string(),
  number: z.number().optional(),
  title: z.string(),
  url: z.string(),
  body: z.string().optional(),
  author: z.string().optional(),
  assignees: z.array(z.string()).optional(),
});

export const runnerJobSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("spawn"),
    sessionId: z.string(),
    repo: z.string(),
    issue: issueRefSchema,
    branch: z.string(),
    agent: z.string(),
    model: z.string().optional(),
    prompt: z.string(),
    /** A respawn after a crash: the workspace exists and the prompt says what the agent was doing. */
    recovery: z.boolean(),
  }),
  z.object({ kind: z.literal("send"), sessionId: z.string(), message: z.string() }),
  z.object({ kind: z.literal("kill"), sessionId: z.string() }),
  z.object({ kind: z.literal("wipe"), sessionId: z.string(), workspace: z.boolean() }),
  z.object({ kind: z.literal("cleanup"), sessionId: z.string() }),
  z.object({
    kind: z.literal("review"),
    sessionId: z.string().optional(),
    repo: z.string(),
    pr: z.number(),
    template: z.string(),
  }),
  /** A desktop notification, shown by the runner through the OS (a click opens `url`). */
  z.object({
    kind: z.literal("notify"),
    sessionId: z.string().optional(),
    title: z.string(),
    body: z.string(),
    url: z.string().optional(),
    priority: z.enum(["urgent", "action", "warning", "info"]),
  }),
]);

export type RunnerJob = z.output<typeof runnerJobSchema>;
export type RunnerJobKind = RunnerJob["kind"];
