// The dashboard's environment variables: who may sign in (a token for self-hosting, GitHub OAuth for teams),
// the key that signs its cookies and how often pages refresh. Errors name the variable.
import { z } from "zod";
import { duration } from "../config/duration.js";
import { formatIssues, InvalidInputError } from "../config/format-issues.js";

const optionalText = z
  .string()
  .optional()
  .transform((value) => (value?.trim() ? value.trim() : undefined));

const dashboardEnvSchema = z
  .object({
    DROVER_DASHBOARD_TOKEN: optionalText.pipe(
      z.string().min(16, "use at least 16 characters, e.g. the output of `openssl rand -hex 32`").optional(),
    ),
    GITHUB_CLIENT_ID: optionalText,
    GITHUB_CLIENT_SECRET: optionalText,
    DROVER_DASHBOARD_SECRET: optionalText
      .pipe(z.string().min(32, "use at least 32 characters, e.g. `openssl rand -hex 32`").optional())
      .describe("signs the dashboard's cookies; derived from the token and client secret when unset"),
    DROVER_DASHBOARD_REFRESH: optionalText
      .pipe(duration.optional())
      .transform((ms) => ms ?? 10_000)
      .pipe(z.number().min(1000, "refresh at most once a second (e.g. 10s)").max(3_600_000))
      .describe("how often open pages poll for changes"),
    DROVER_DASHBOARD_SESSION_TTL: optionalText
      .pipe(duration.optional())
      .transform((ms) => ms ?? 12 * 3_600_000)
      .pipe(z.number().min(60_000, "sign-ins must last at least a minute (e.g. 12h)"))
      .describe("how long a sign-in lasts"),
  })
  .superRefine((env, ctx) => {
    const id = Boolean(env.GITHUB_CLIENT_ID);
    const secret = Boolean(env.GITHUB_CLIENT_SECRET);
    if (id !== secret) {
      const missing = id ? "GITHUB_CLIENT_SECRET" : "GITHUB_CLIENT_ID";
      ctx.addIssue({
        code: "custom",
        path: [missing],
        message: "is missing: GitHub sign-in needs both GITHUB_CLIENT_ID and GITHUB_CLIENT_SECRET",
      });
    }
  });

export type DashboardEnv = z.output<typeof dashboardEnvSchema>;

/** Throws InvalidInputError naming each bad variable. */
export function parseDashboardEnv(source: NodeJS.ProcessEnv = process.env): DashboardEnv {
  const result = dashboardEnvSchema.safeParse(source);
  if (!result.success) throw new InvalidInputError("The dashboard environment", formatIssues(result.error));
  return result.data;
}
