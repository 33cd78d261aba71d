// The parts of Slack's interaction payloads Drover reads, validated: Slack is an outside caller, and a
// payload without them is answered with what was missing instead of failing somewhere later.
import { z } from "zod";

export const buttonPressSchema = z.object({
  type: z.literal("block_actions"),
  user: z.object({ id: z.string().min(1) }),
  actions: z
    .array(
      z.object({
        action_id: z.string(),
        value: z.string().optional(),
        action_ts: z.string().optional(),
      }),
    )
    .min(1),
  channel: z.object({ id: z.string() }).optional(),
  container: z
    .looseObject({ channel_id: z.string().optional(), message_ts: z.string().optional() })
    .optional(),
  message: z
    .looseObject({ ts: z.string(), blocks: z.array(z.looseObject({ type: z.string() })).optional() })
    .optional(),
  response_url: z.string().optional(),
  trigger_id: z.string().optional(),
});
export type ButtonPress = z.output<typeof buttonPressSchema>;

export const sendModalMetadataSchema = z.object({
  sessionId: z.string(),
  channel: z.string().optional(),
  ts: z.string().optional(),
});
export type SendModalMetadata = z.output<typeof sendModalMetadataSchema>;

export const viewSubmissionSchema = z.object({
  type: z.literal("view_submission"),
  user: z.object({ id: z.string().min(1) }),
  view: z.object({
    id: z.string().optional(),
    private_metadata: z.string(),
    state: z.object({
      values: z.record(z.string(), z.record(z.string(), z.looseObject({ value: z.string().nullish() }))),
    }),
  }),
});

export const slashCommandSchema = z.object({
  command: z.string(),
  text: z.string().default(""),
  user_id: z.string().min(1),
  response_url: z.string().optional(),
});
