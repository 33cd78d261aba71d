// POST /api/runner/events: what the runner saw, in batches. Each event has the runner's sequence number in its
// stream, so a batch sent again after a timeout is applied once, and batches are applied in order.
import { z } from "zod";
import { convoyResultSchema, convoyStatuses } from "../convoy/convoy-state.js";
import { maxEventsPerBatch, maxMessageChars, maxOutputChars, maxOutputLines } from "./limits.js";
import { protocolSchema } from "./version.js";

/**
 * A convoy result travels in one event, so it must fit a batch (bodyLimits.events) with room to spare; the
 * runner shortens the report and drops the least severe findings to fit.
 */
export const maxConvoyResultBytes = 400_000;
export const maxConvoyReportChars = 200_000;
export const maxConvoyFindings = 500;

/** Figures of a finished convoy: how long it took, and each agent's part. */
export const convoyStatsSchema = z.object({
  durationMs: z.int().min(0),
  costUsd: z.number().min(0).optional(),
  agents: z
    .array(
      z.object({
        role: z.string().min(1).max(200),
        status: z.string().min(1).max(100),
        durationMs: z.int().min(0).optional(),
        costUsd: z.number().min(0).optional(),
        error: z.string().max(maxMessageChars).optional(),
      }),
    )
    .max(100),
});
export type ConvoyStats = z.output<typeof convoyStatsSchema>;

const sessionId = z.string().min(1).max(200);
const convoyId = z.string().min(1).max(200);
const jobId = z.string().min(1).max(300);
const message = z.string().max(maxMessageChars);
const tokens = z.int().min(0);
/** Every event's place in the runner's stream (from 1, strictly increasing) and when the runner saw it. */
const stamp = { seq: z.int().min(1), at: z.number() };

export const runnerEventSchema = z.discriminatedUnion("type", [
  /** The agent process started in its workspace. */
  z.object({
    ...stamp,
    type: z.literal("agent.spawned"),
    sessionId,
    agentSessionId: z.string().max(200).optional(),
  }),
  /** The agent did something (a tool call, a prompt taken, output); also carries its own session id. */
  z.object({
    ...stamp,
    type: z.literal("agent.activity"),
    sessionId,
    detail: z.string().max(500).optional(),
    agentSessionId: z.string().max(200).optional(),
  }),
  /** The agent finished its turn and waits at its prompt. */
  z.object({ ...stamp, type: z.literal("agent.idle"), sessionId }),
  /** The agent asks a question (or for a permission) and waits for a human. */
  z.object({ ...stamp, type: z.literal("agent.needs_input"), sessionId, message }),
  /** The agent's process ended; null when its exit code is unknown (the process vanished). */
  z.object({ ...stamp, type: z.literal("agent.exited"), sessionId, code: z.int().nullable() }),
  /** `drover report …` from inside the workspace. */
  z.object({
    ...stamp,
    type: z.literal("agent.self_report"),
    sessionId,
    status: z.enum(["working", "needs-input", "done"]),
    message: message.optional(),
  }),
  /** Cumulative usage of one agent session for one model on one UTC day. */
  z.object({
    ...stamp,
    type: z.literal("agent.cost"),
    sessionId,
    agentSessionId: z.string().min(1).max(200),
    model: z.string().min(1).max(200),
    day: z.iso.date(),
    inputTokens: tokens,
    outputTokens: tokens,
    cacheCreationTokens: tokens,
    cacheReadTokens: tokens,
    usd: z.number().min(0),
  }),
  /** The last lines the agent printed, for the dashboard. */
  z.object({
    ...stamp,
    type: z.literal("agent.output"),
    sessionId,
    lines: z.array(z.string().max(maxOutputChars)).max(maxOutputLines),
  }),
  /** The workspace of a merged session was removed. */
  z.object({ ...stamp, type: z.literal("cleanup.done"), sessionId }),
  /** How a convoy on this runner is getting on; with the review job it runs for, the app keeps it by convoy. */
  z.object({
    ...stamp,
    type: z.literal("convoy.progress"),
    convoyId,
    sessionId: sessionId.optional(),
    jobId: jobId.optional(),
    role: z.string().max(200).optional(),
    status: z.string().min(1).max(100),
    message: message.optional(),
  }),
  /** A review job's convoy has ended: its findings as data, its report and figures, for the app to post. */
  z
    .object({
      ...stamp,
      type: z.literal("convoy.result"),
      convoyId,
      jobId,
      /** The commit the reviewers read; inline comments are anchored to it. */
      headSha: z.string().regex(/^[0-9a-f]{40}$/, "expected a full commit SHA"),
      template: z.string().min(1).max(200),
      status: z.enum(convoyStatuses).exclude(["running"]),
      result: convoyResultSchema.extend({
        findings: convoyResultSchema.shape.findings.max(maxConvoyFindings),
      }),
      /** report.md, Markdown. */
      report: z.string().max(maxConvoyReportChars),
      stats: convoyStatsSchema,
    })
    .superRefine((event, ctx) => {
      const size = Buffer.byteLength(JSON.stringify(event));
      if (size > maxConvoyResultBytes)
        ctx.addIssue({
          code: "custom",
          message: `a convoy result may take ${maxConvoyResultBytes} bytes as JSON, this one takes ${size}; shorten the report or leave out findings`,
        });
    }),
  /** A job this runner leased is done (ok) or could not be done (error). */
  z.object({
    ...stamp,
    type: z.literal("job.finished"),
    jobId,
    ok: z.boolean(),
    note: message.optional(),
    error: message.optional(),
  }),
]);

export type RunnerEvent = z.output<typeof runnerEventSchema>;
export type RunnerEventType = RunnerEvent["type"];
/** An event before the runner's buffer stamps it. */
export type RunnerEventBody = RunnerEvent extends infer E
  ? E extends RunnerEvent
    ? Omit<E, "seq" | "at">
    : never
  : never;

export const eventsRequestSchema = z
  .object({
    protocol: protocolSchema,
    /**
     * The runner's event stream: a random id made once with its event buffer, so a runner whose data was wiped
     * (sequence numbers starting again at 1) is never mistaken for a replay.
     */
    stream: z.string().regex(/^[A-Za-z0-9_-]{6,64}$/, "expected 6–64 letters, digits, _ or -"),
    events: z.array(runnerEventSchema).min(1).max(maxEventsPerBatch),
  })
  .superRefine((body, ctx) => {
    for (let i = 1; i < body.events.length; i++) {
      if (body.events[i]!.seq <= body.events[i - 1]!.seq) {
        ctx.addIssue({
          code: "custom",
          path: ["events", i, "seq"],
          message: "sequence numbers must increase within a batch",
        });
        return;
      }
    }
  });
export type EventsRequest = z.input<typeof eventsRequestSchema>;

export const eventsResponseSchema = z.object({
  protocol: protocolSchema,
  /** Every event up to here is applied (or was already). */
  lastSeq: z.int(),
  /** Events that changed nothing because they arrived too late (a job whose lease had already expired). */
  stale: z.array(z.int()),
});
export type EventsResponse = z.output<typeof eventsResponseSchema>;

/** The 403 reply's details: the events that name something this runner does not hold. */
export const forbiddenEventsSchema = z.object({
  forbidden: z.array(z.object({ seq: z.int(), reason: z.string() })),
});
export type ForbiddenEvents = z.output<typeof forbiddenEventsSchema>;
