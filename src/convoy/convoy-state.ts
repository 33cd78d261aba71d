// A convoy as one plain, serializable object (zod-checked at every read): what runs, where each agent is, what
// it produced. The runner keeps it in a file per convoy; the app will keep the same object in its store.
import { z } from "zod";
import { outputKinds } from "./agent-template.js";
import { findingSchema, rawFindingSchema } from "./finding.js";
import { severitySchema } from "./severity.js";
import { synthesisSchema } from "./synthesis.js";

export const agentStatuses = ["pending", "running", "succeeded", "failed", "timed_out", "stopped"] as const;
export type AgentStatus = (typeof agentStatuses)[number];
export const finishedAgentStatuses: readonly AgentStatus[] = ["succeeded", "failed", "timed_out", "stopped"];

export const convoyStatuses = ["running", "completed", "partial", "failed", "stopped"] as const;
export type ConvoyStatus = (typeof convoyStatuses)[number];

/** Where a launched agent lives, as its launcher recorded it (a pid, a tmux session); enough to find it again. */
export const agentHandleSchema = z.looseObject({
  runtime: z.string(),
  /** The agent's folder: prompt, wrapper script, logs, exit code, output. */
  dir: z.string(),
});
export type AgentHandle = z.infer<typeof agentHandleSchema>;

const timestamp = z.iso.datetime();

export const convoyAgentSchema = z.object({
  role: z.string(),
  agent: z.string(),
  description: z.string(),
  model: z.string().optional(),
  tools: z.array(z.string()),
  output: z.enum(outputKinds),
  command: z.string().optional(),
  dependsOn: z.array(z.string()),
  timeoutMs: z.number().int().positive(),
  /** The template's prompt, variables unfilled: a resumed convoy runs what it started with. */
  prompt: z.string(),
  status: z.enum(agentStatuses),
  handle: agentHandleSchema.optional(),
  startedAt: timestamp.optional(),
  deadline: timestamp.optional(),
  finishedAt: timestamp.optional(),
  exitCode: z.number().int().nullable().optional(),
  /** Why the agent did not succeed: an exit code and its last words, a timeout, invalid findings. */
  error: z.string().optional(),
  /** The agent's output (findings block, synthesis or prose), kept here so the state is all a reader needs. */
  outputText: z.string().optional(),
  findings: z.array(rawFindingSchema).optional(),
  synthesis: synthesisSchema.optional(),
  costUsd: z.number().nonnegative().optional(),
});
export type ConvoyAgent = z.output<typeof convoyAgentSchema>;

export const missingAgentSchema = z.object({
  role: z.string(),
  status: z.enum(agentStatuses),
  reason: z.string(),
});
export type MissingAgent = z.output<typeof missingAgentSchema>;

/** What code makes of the outputs: deduplicated findings, counts, priorities. The report is rendered from it. */
export const convoyResultSchema = z.object({
  findings: z.array(findingSchema),
  counts: z.record(severitySchema, z.number().int().nonnegative()),
  reported: z.number().int().nonnegative(),
  duplicatesRemoved: z.number().int().nonnegative(),
  summary: z.string().optional(),
  priorities: z.array(z.object({ id: z.string(), why: z.string() })),
  missing: z.array(missingAgentSchema),
  filesReviewed: z.number().int().nonnegative(),
  reportFile: z.string().optional(),
});
export type ConvoyResult = z.output<typeof convoyResultSchema>;

export const convoyStateSchema = z.object({
  version: z.literal(1),
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  template: z.string(),
  description: z.string(),
  status: z.enum(convoyStatuses),
  /** How agents are run: "process" (headless, the Action) or "tmux" (the runner); a resume needs the same. */
  runtime: z.string(),
  /** The repository folder the agents work in. */
  cwd: z.string(),
  /** The convoy's own folder: one subfolder per agent, and the report. */
  dir: z.string(),
  inputs: z.object({
    files: z.array(z.string()),
    filesGlob: z.string().optional(),
    prUrl: z.string().optional(),
    issue: z.string().optional(),
  }),
  phases: z.array(z.array(z.string())),
  agents: z.array(convoyAgentSchema),
  /** The process running the convoy; another process may resume it only once this one is gone. */
  owner: z.object({ pid: z.number().int(), host: z.string() }).optional(),
  createdAt: timestamp,
  updatedAt: timestamp,
  finishedAt: timestamp.optional(),
  result: convoyResultSchema.optional(),
});
export type ConvoyState = z.output<typeof convoyStateSchema>;

export function isFinished(agent: Pick<ConvoyAgent, "status">): boolean {
  return finishedAgentStatuses.includes(agent.status);
}
