// A convoy the app knows of (a review job's), kept by convoy id as a capped log of its own in the store
// (`convoy:<id>`, beside the session logs): its progress as the runner reports it, its result with the report, and
// what became of the PR review. The convoy's state is that log folded up, so nothing is ever overwritten.
import { z } from "zod";
import { convoyResultSchema } from "../../convoy/convoy-state.js";
import { convoyStatsSchema } from "../../protocol/runner-events.js";
import type { LogEntry } from "../../store/store.js";
import type { AppContext } from "../app-context.js";

export const convoyLogId = (convoyId: string) => `convoy:${convoyId}`;
/** Progress is a few lines per agent; the result and the review come last, so a cap never loses them. */
export const convoyLogMax = 300;

const jobFields = {
  jobId: z.string(),
  runnerId: z.string(),
  repo: z.string(),
  pr: z.number().int(),
};

const progressSchema = z.object({
  ...jobFields,
  role: z.string().optional(),
  status: z.string(),
  message: z.string().optional(),
});
const resultSchema = z.object({
  ...jobFields,
  template: z.string(),
  headSha: z.string(),
  status: z.string(),
  result: convoyResultSchema,
  report: z.string(),
  stats: convoyStatsSchema,
});
const reviewSchema = z.object({
  action: z.enum(["created", "updated", "dry-run"]),
  summaryReviewId: z.number().optional(),
  followUpReviewId: z.number().optional(),
  inline: z.number(),
  outside: z.number(),
  repeated: z.number(),
});
const reviewFailedSchema = z.object({ error: z.string() });

export type ConvoyProgressEntry = z.output<typeof progressSchema>;
export type ConvoyResultEntry = z.output<typeof resultSchema>;
export type ConvoyReviewEntry = z.output<typeof reviewSchema>;

/** What the entries of a convoy's log carry, by kind. */
const schemas = {
  progress: progressSchema,
  result: resultSchema,
  review: reviewSchema,
  review_failed: reviewFailedSchema,
} as const;
type Kind = keyof typeof schemas;

export interface ConvoyRecord {
  id: string;
  jobId: string;
  runnerId: string;
  repo: string;
  pr: number;
  /** The convoy's own status as last reported (running until the result comes). */
  status: string;
  /** Each agent's last reported status. */
  agents: Record<string, { status: string; message?: string }>;
  result?: ConvoyResultEntry;
  /** The PR review posted for the result; absent until it is. */
  review?: ConvoyReviewEntry;
  /** Why the last attempt to post the review failed, while none succeeded. */
  reviewError?: string;
  updatedAt: number;
}

export async function appendConvoyLog<K extends Kind>(
  app: AppContext,
  convoyId: string,
  kind: K,
  summary: string,
  data: z.input<(typeof schemas)[K]>,
): Promise<void> {
  const entry: LogEntry = { at: app.now(), kind, summary, data: schemas[kind].parse(data) };
  await app.store.appendLog(convoyLogId(convoyId), [entry], convoyLogMax);
}

/** The convoy as its log tells it; undefined when the app has heard nothing of it. */
export async function readConvoy(app: AppContext, convoyId: string): Promise<ConvoyRecord | undefined> {
  let record: ConvoyRecord | undefined;
  for (const entry of await app.store.readLog(convoyLogId(convoyId))) {
    const kind = entry.kind as Kind;
    if (!(kind in schemas)) continue;
    const parsed = schemas[kind].safeParse(entry.data);
    if (!parsed.success) {
      app.log.warn({ convoyId, kind, err: parsed.error.message }, "a convoy log entry that cannot be read");
      continue;
    }
    if (kind === "progress" || kind === "result") {
      const data = parsed.data as ConvoyProgressEntry | ConvoyResultEntry;
      record ??= {
        id: convoyId,
        jobId: data.jobId,
        runnerId: data.runnerId,
        repo: data.repo,
        pr: data.pr,
        status: "running",
        agents: {},
        updatedAt: entry.at,
      };
    }
    if (!record) continue;
    record.updatedAt = entry.at;
    if (kind === "progress") {
      const { role, status, message } = parsed.data as ConvoyProgressEntry;
      if (role) record.agents[role] = { status, ...(message ? { message } : {}) };
      else record.status = status;
    } else if (kind === "result") {
      record.result = parsed.data as ConvoyResultEntry;
      record.status = record.result.status;
    } else if (kind === "review") {
      record.review = parsed.data as ConvoyReviewEntry;
      delete record.reviewError;
    } else if (!record.review) {
      record.reviewError = (parsed.data as z.output<typeof reviewFailedSchema>).error;
    }
  }
  return record;
}
