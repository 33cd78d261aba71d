// zod schemas of the Claude Code transcript lines that carry usage: the boundary where untrusted JSONL is checked.
//
// They accept exactly what ccusage accepts, field by field: token counts are non-negative integers,
// optional fields may be absent or null, other fields are ignored, and a wrong type anywhere in a known
// field rejects the whole line.
import { z } from "zod";

const tokenCount = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const claudeUsageSchema = z.object({
  input_tokens: tokenCount,
  output_tokens: tokenCount,
  cache_creation_input_tokens: tokenCount.optional(),
  cache_read_input_tokens: tokenCount.optional(),
  speed: z.enum(["standard", "fast"]).nullish(),
  cache_creation: z
    .object({
      ephemeral_5m_input_tokens: tokenCount.optional(),
      ephemeral_1h_input_tokens: tokenCount.optional(),
    })
    .nullish(),
});
export type ClaudeUsage = z.infer<typeof claudeUsageSchema>;

const claudeMessageSchema = z.object({
  usage: claudeUsageSchema,
  model: z.string().nullish(),
  id: z.string().nullish(),
});

/** A line whose own `message` carries usage (assistant lines, and legacy lines with `costUSD`). */
export const claudeDirectLineSchema = z.object({
  timestamp: z.string(),
  message: claudeMessageSchema,
  version: z.string().nullish(),
  sessionId: z.string().nullish(),
  costUSD: z.number().nullish(),
  requestId: z.string().nullish(),
  isSidechain: z.boolean().nullish(),
  /** Checked by the caller: only ccusage's session report rejects a non-boolean value. */
  isApiErrorMessage: z.unknown().optional(),
});
export type ClaudeDirectLine = z.infer<typeof claudeDirectLineSchema>;

/** A `progress` line: a subagent's assistant line copied under `data.message`. */
export const claudeProgressLineSchema = z.object({
  sessionId: z.string().nullish(),
  data: z.object({
    message: z.object({
      timestamp: z.string(),
      message: claudeMessageSchema,
      costUSD: z.number().nullish(),
      requestId: z.string().nullish(),
      isSidechain: z.boolean().nullish(),
    }),
  }),
});
export type ClaudeProgressLine = z.infer<typeof claudeProgressLineSchema>;

/** `message.usage.iterations`: advisor calls made inside one response, each billed under its own model. */
export const claudeIterationsSchema = z.object({
  message: z.object({
    usage: z.object({
      iterations: z
        .array(claudeUsageSchema.extend({ type: z.string(), model: z.string().nullish() }))
        .optional(),
    }),
  }),
});
