// The local control API of a running daemon (HTTP over its unix socket, reachable only by the user): what the
// `drover runner …` session commands and `drover report` send, and what they get back.
import { z } from "zod";

export const selfReportSchema = z.object({
  sessionId: z.string().min(1),
  status: z.enum(["working", "needs-input", "done"]),
  message: z.string().max(8_000).optional(),
});
export type SelfReport = z.output<typeof selfReportSchema>;

export const sendRequestSchema = z.object({ message: z.string().min(1) });
export const wipeRequestSchema = z.object({
  issue: z.string().min(1),
  workspace: z.boolean().default(false),
});

export const sessionSummarySchema = z.object({
  sessionId: z.string(),
  repo: z.string(),
  issueKey: z.string(),
  branch: z.string(),
  agent: z.string(),
  status: z.enum(["running", "exited"]),
  exitCode: z.int().nullable().optional(),
  runtime: z.enum(["tmux", "process"]),
  workspace: z.string(),
  startedAt: z.number(),
  agentSessionId: z.string().optional(),
  /** The command that opens the agent's terminal (tmux only). */
  attach: z.array(z.string()).optional(),
});
export type SessionSummary = z.output<typeof sessionSummarySchema>;

export const daemonStatusSchema = z.object({
  pid: z.int(),
  runnerId: z.string(),
  name: z.string(),
  server: z.string(),
  version: z.string(),
  startedAt: z.number(),
  running: z.int(),
  capacity: z.int(),
  pendingEvents: z.int(),
  lastPollAt: z.number().optional(),
  lastError: z.string().optional(),
});
export type DaemonStatus = z.output<typeof daemonStatusSchema>;
