// The parts of Linear's webhook payloads Drover reads, validated: the envelope of every delivery, and the issue
// of an Issue delivery (with `updatedFrom`, the previous values of the fields an update changed).
import { z } from "zod";

export const webhookEnvelopeSchema = z.object({
  type: z.string().min(1),
  action: z.string().min(1),
  webhookTimestamp: z.number(),
  data: z.unknown(),
  updatedFrom: z.record(z.string(), z.unknown()).nullish(),
  url: z.string().nullish(),
  /** Who made the change: a user, an integration or an OAuth app. */
  actor: z.object({ name: z.string().nullish() }).nullish(),
});
export type WebhookEnvelope = z.output<typeof webhookEnvelopeSchema>;

const userSchema = z.object({
  id: z.string().min(1),
  name: z.string().nullish(),
  email: z.string().nullish(),
});

export const linearIssueSchema = z.object({
  id: z.string().min(1),
  identifier: z.string().regex(/^[A-Za-z0-9_]+-\d+$/, 'expected an issue key such as "ENG-12"'),
  title: z.string(),
  description: z.string().nullish(),
  url: z.url(),
  teamId: z.string().min(1),
  team: z.object({ id: z.string(), key: z.string().min(1) }).nullish(),
  labelIds: z.array(z.string()).default([]),
  labels: z.array(z.object({ id: z.string(), name: z.string() })).default([]),
  assigneeId: z.string().nullish(),
  assignee: userSchema.nullish(),
  creator: userSchema.nullish(),
  archivedAt: z.string().nullish(),
  trashed: z.boolean().nullish(),
});
export type LinearIssue = z.output<typeof linearIssueSchema>;

/** The previous values an update changed; a field is present only when it changed. */
export const issueChangesSchema = z.object({
  labelIds: z.array(z.string()).optional(),
  assigneeId: z.string().nullable().optional(),
});
export type IssueChanges = z.output<typeof issueChangesSchema> & { changedAssignee: boolean };
