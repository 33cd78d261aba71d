// The notifier's environment: the generic webhook (URL and signing secret, together) and how long one
// channel may take. Errors name the variable.
import { z } from "zod";
import { parseDuration } from "../config/duration.js";
import { formatIssues, InvalidInputError } from "../config/format-issues.js";

const text = z
  .string()
  .optional()
  .transform((value) => (value?.trim() ? value.trim() : undefined));

const notifyEnvSchema = z
  .object({
    DROVER_NOTIFY_WEBHOOK_URL: text.pipe(
      z.url({ protocol: /^https?$/, error: "must be an http(s) URL that accepts POST" }).optional(),
    ),
    DROVER_NOTIFY_WEBHOOK_SECRET: text.pipe(
      z.string().min(16, "must be at least 16 characters (e.g. `openssl rand -hex 32`)").optional(),
    ),
    DROVER_NOTIFY_TIMEOUT: text.transform((value, ctx) => {
      if (value === undefined) return 10_000;
      const ms = parseDuration(value);
      if (ms === undefined || ms < 100 || ms > 60_000) {
        ctx.addIssue({
          code: "custom",
          message: `expected a duration between 100ms and 60s such as "10s", got "${value}"`,
        });
        return z.NEVER;
      }
      return ms;
    }),
  })
  .superRefine((env, ctx) => {
    if (env.DROVER_NOTIFY_WEBHOOK_URL && !env.DROVER_NOTIFY_WEBHOOK_SECRET)
      ctx.addIssue({
        code: "custom",
        path: ["DROVER_NOTIFY_WEBHOOK_SECRET"],
        message: "is missing: webhook notifications are always signed, so a URL needs a secret",
      });
    if (env.DROVER_NOTIFY_WEBHOOK_SECRET && !env.DROVER_NOTIFY_WEBHOOK_URL)
      ctx.addIssue({
        code: "custom",
        path: ["DROVER_NOTIFY_WEBHOOK_URL"],
        message: "is missing: there is a webhook secret but no URL to send to",
      });
  });

export interface NotifyEnv {
  webhook?: { url: string; secret: string };
  /** How long the notifier waits for one channel. */
  timeoutMs: number;
}

export function parseNotifyEnv(source: NodeJS.ProcessEnv): NotifyEnv {
  const result = notifyEnvSchema.safeParse(source);
  if (!result.success) throw new InvalidInputError("The notification settings", formatIssues(result.error));
  const env = result.data;
  return {
    ...(env.DROVER_NOTIFY_WEBHOOK_URL && env.DROVER_NOTIFY_WEBHOOK_SECRET
      ? { webhook: { url: env.DROVER_NOTIFY_WEBHOOK_URL, secret: env.DROVER_NOTIFY_WEBHOOK_SECRET } }
      : {}),
    timeoutMs: env.DROVER_NOTIFY_TIMEOUT,
  };
}
