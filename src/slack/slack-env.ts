// The Slack integration's environment. Slack is on when SLACK_BOT_TOKEN or SLACK_SIGNING_SECRET is set;
// then everything it needs must be there, and a missing or malformed variable is named in the error.
import { z } from "zod";
import { formatIssues, InvalidInputError } from "../config/format-issues.js";
import { parseSlackUsers, type SlackUsers } from "./slack-users.js";

const text = z
  .string()
  .optional()
  .transform((value) => (value?.trim() ? value.trim() : undefined));

const slackEnvSchema = z
  .object({
    SLACK_BOT_TOKEN: text.pipe(
      z
        .string()
        .startsWith("xoxb-", "must be a bot token (xoxb-…), from the app's OAuth & Permissions page")
        .optional(),
    ),
    SLACK_SIGNING_SECRET: text.pipe(
      z
        .string()
        .regex(/^[0-9A-Za-z]{20,}$/, "must be the signing secret from the app's Basic Information page")
        .optional(),
    ),
    SLACK_CHANNEL: text.pipe(
      z
        .string()
        .regex(/^[CGD][A-Z0-9]{2,}$/, "must be a channel id such as C0123ABCD (channel details → bottom)")
        .optional(),
    ),
    DROVER_SLACK_USERS: text,
  })
  .superRefine((env, ctx) => {
    const on = Boolean(env.SLACK_BOT_TOKEN || env.SLACK_SIGNING_SECRET);
    if (!on) return;
    for (const name of ["SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_CHANNEL"] as const) {
      if (!env[name])
        ctx.addIssue({
          code: "custom",
          path: [name],
          message: "is missing: Slack needs SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET and SLACK_CHANNEL together",
        });
    }
    if (env.DROVER_SLACK_USERS) {
      const parsed = parseSlackUsers(env.DROVER_SLACK_USERS);
      if ("problems" in parsed)
        for (const problem of parsed.problems)
          ctx.addIssue({ code: "custom", path: ["DROVER_SLACK_USERS"], message: problem });
    }
  });

export interface SlackConfig {
  botToken: string;
  signingSecret: string;
  channel: string;
  users: SlackUsers;
}

/** The Slack settings, or undefined when Slack is not configured; throws InvalidInputError naming a variable. */
export function parseSlackEnv(source: NodeJS.ProcessEnv): SlackConfig | undefined {
  const result = slackEnvSchema.safeParse(source);
  if (!result.success) throw new InvalidInputError("The Slack settings", formatIssues(result.error));
  const env = result.data;
  if (!env.SLACK_BOT_TOKEN || !env.SLACK_SIGNING_SECRET || !env.SLACK_CHANNEL) return undefined;
  const parsed = parseSlackUsers(env.DROVER_SLACK_USERS ?? "");
  return {
    botToken: env.SLACK_BOT_TOKEN,
    signingSecret: env.SLACK_SIGNING_SECRET,
    channel: env.SLACK_CHANNEL,
    users: "users" in parsed ? parsed.users : new Map(),
  };
}
