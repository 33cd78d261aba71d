// zod schemas of the Codex CLI rollout lines that matter for cost (~/.codex/sessions/**/rollout-*.jsonl).
//
// A rollout line is `{timestamp, type, payload}`. `session_meta` names the session, `turn_context` the
// model of the turns that follow, and `event_msg` lines whose payload type is `token_count` report usage:
// `info.total_token_usage` is cumulative for the session, `info.last_token_usage` the latest request.
import { z } from "zod";

const count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional();

export const codexRawUsageSchema = z.object({
  input_tokens: count,
  cached_input_tokens: count,
  cache_read_input_tokens: count,
  output_tokens: count,
  reasoning_output_tokens: count,
  total_tokens: count,
});
export type CodexRawUsageInput = z.infer<typeof codexRawUsageSchema>;

const modelFields = {
  model: z.string().nullish(),
  model_name: z.string().nullish(),
  metadata: z.object({ model: z.string().nullish() }).nullish(),
};

export const codexLineSchema = z.object({
  timestamp: z.union([z.string(), z.number().int().min(0)]).nullish(),
  type: z.string(),
  payload: z
    .object({
      type: z.string().nullish(),
      id: z.string().nullish(),
      ...modelFields,
      info: z
        .object({
          total_token_usage: codexRawUsageSchema.nullish(),
          last_token_usage: codexRawUsageSchema.nullish(),
          ...modelFields,
        })
        .nullish(),
      thread_settings: z.object({ service_tier: z.string().nullish() }).nullish(),
    })
    .nullish(),
});
export type CodexLine = z.infer<typeof codexLineSchema>;
