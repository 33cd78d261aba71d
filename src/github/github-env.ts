// The GitHub App's own environment variables, validated when the app starts: each error names its variable.
import { z } from "zod";
import { formatIssues, InvalidInputError } from "../config/format-issues.js";

const text = z
  .string()
  .optional()
  .transform((value) => (value?.trim() ? value.trim() : undefined));

/** A PEM key as GitHub hands it out; env files often carry it with literal "\n" or base64-encoded. */
function readPrivateKey(value: string): string | undefined {
  const unescaped = value.replaceAll("\\n", "\n");
  if (unescaped.includes("-----BEGIN")) return unescaped;
  const decoded = Buffer.from(value, "base64").toString("utf8");
  return decoded.includes("-----BEGIN") ? decoded : undefined;
}

const schema = z
  .object({
    APP_ID: text.pipe(
      z.string().regex(/^\d+$/, "expected the numeric App ID shown on the app's settings page").optional(),
    ),
    PRIVATE_KEY: text,
    WEBHOOK_SECRET: text,
    GHE_HOST: text.pipe(
      z
        .string()
        .regex(
          /^[a-z0-9.-]+(:\d+)?$/i,
          'expected a host name such as "github.example.com" (no protocol, no path)',
        )
        .optional(),
    ),
    GHE_PROTOCOL: text.pipe(z.enum(["http", "https"]).optional()),
  })
  .superRefine((env, ctx) => {
    const set = [env.APP_ID, env.PRIVATE_KEY, env.WEBHOOK_SECRET].filter(Boolean).length;
    if (set > 0 && set < 3) {
      for (const name of ["APP_ID", "PRIVATE_KEY", "WEBHOOK_SECRET"] as const) {
        if (!env[name])
          ctx.addIssue({
            code: "custom",
            path: [name],
            message: "is missing: the GitHub App needs APP_ID, PRIVATE_KEY and WEBHOOK_SECRET together",
          });
      }
    }
    if (env.PRIVATE_KEY && !readPrivateKey(env.PRIVATE_KEY)) {
      ctx.addIssue({
        code: "custom",
        path: ["PRIVATE_KEY"],
        message: "is not a PEM private key (paste the .pem file GitHub gave you, or its base64)",
      });
    }
  });

export interface GitHubEnv {
  appId: number;
  privateKey: string;
  webhookSecret: string;
  /** The REST API root: https://api.github.com, or http(s)://<GHE_HOST>/api/v3 on Enterprise Server. */
  baseUrl: string;
}

/** The app's settings, or undefined when the environment does not configure a GitHub App at all. */
export function parseGitHubEnv(source: NodeJS.ProcessEnv): GitHubEnv | undefined {
  const result = schema.safeParse(source);
  if (!result.success) throw new InvalidInputError("The GitHub App environment", formatIssues(result.error));
  const env = result.data;
  if (!env.APP_ID || !env.PRIVATE_KEY || !env.WEBHOOK_SECRET) return undefined;
  return {
    appId: Number(env.APP_ID),
    privateKey: readPrivateKey(env.PRIVATE_KEY)!,
    webhookSecret: env.WEBHOOK_SECRET,
    baseUrl: env.GHE_HOST
      ? `${env.GHE_PROTOCOL ?? "https"}://${env.GHE_HOST}/api/v3`
      : "https://api.github.com",
  };
}
