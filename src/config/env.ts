// The app's environment, validated once at start: a bad or half-set variable stops the app with its name.
import { homedir } from "node:os";
import { join } from "node:path";
import { z } from "zod";
import { formatIssues, InvalidInputError } from "./format-issues.js";

const optionalText = z
  .string()
  .optional()
  .transform((value) => (value?.trim() ? value.trim() : undefined));

const envSchema = z
  .object({
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    LOG_LEVEL: z.enum(["trace", "debug", "info", "warn", "error", "fatal", "silent"]).default("info"),
    DROVER_PUBLIC_URL: optionalText
      .pipe(z.url().optional())
      .describe("where people and runners reach the app"),
    UPSTASH_REDIS_REST_URL: optionalText.pipe(z.url().optional()),
    UPSTASH_REDIS_REST_TOKEN: optionalText,
    REDIS_URL: optionalText.pipe(
      z
        .string()
        .regex(/^rediss?:\/\//, "expected a redis:// or rediss:// URL")
        .optional(),
    ),
    DROVER_DATA_DIR: optionalText,
    DROVER_KEY_PREFIX: z.string().min(1).default("drover:"),
    APP_ID: optionalText,
    PRIVATE_KEY: optionalText,
    WEBHOOK_SECRET: optionalText,
    GHE_HOST: optionalText,
    GHE_PROTOCOL: z.enum(["http", "https"]).optional(),
    DROVER_REGISTRATION_TOKEN: optionalText.describe("the token runners register with"),
    DROVER_DASHBOARD_TOKEN: optionalText,
    CRON_SECRET: optionalText.describe("Vercel sends it to the cron routes"),
  })
  .superRefine((env, ctx) => {
    const url = Boolean(env.UPSTASH_REDIS_REST_URL);
    const token = Boolean(env.UPSTASH_REDIS_REST_TOKEN);
    if (url !== token) {
      const missing = url ? "UPSTASH_REDIS_REST_TOKEN" : "UPSTASH_REDIS_REST_URL";
      ctx.addIssue({
        code: "custom",
        path: [missing],
        message: "is missing: Upstash needs both UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN",
      });
    }
  });

export type Env = z.output<typeof envSchema>;

export type StoreChoice =
  | { kind: "upstash"; url: string; token: string; prefix: string }
  | { kind: "redis"; url: string; prefix: string }
  | { kind: "embedded"; file: string };

/** Reads and validates the environment; throws InvalidInputError naming each bad variable. */
export function parseEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) throw new InvalidInputError("The environment", formatIssues(result.error));
  return result.data;
}

/** Upstash when both of its variables are set, else Redis over TCP with REDIS_URL, else the embedded store. */
export function storeChoice(env: Env): StoreChoice {
  if (env.UPSTASH_REDIS_REST_URL && env.UPSTASH_REDIS_REST_TOKEN) {
    return {
      kind: "upstash",
      url: env.UPSTASH_REDIS_REST_URL,
      token: env.UPSTASH_REDIS_REST_TOKEN,
      prefix: env.DROVER_KEY_PREFIX,
    };
  }
  if (env.REDIS_URL) return { kind: "redis", url: env.REDIS_URL, prefix: env.DROVER_KEY_PREFIX };
  return { kind: "embedded", file: join(dataDir(env), "store.json") };
}

/** Where the app keeps local files: DROVER_DATA_DIR, else the XDG data folder. */
export function dataDir(env: Pick<Env, "DROVER_DATA_DIR">): string {
  if (env.DROVER_DATA_DIR) return env.DROVER_DATA_DIR;
  const xdg = process.env.XDG_DATA_HOME?.trim();
  return join(xdg || join(homedir(), ".local", "share"), "drover");
}
