// Linear's environment variables: the API key and webhook secret, which teams map to which repos, what starts a
// session (a label, an assignee) and the workflow states the issue moves through. Errors name the variable.
import { z } from "zod";
import { formatIssues, InvalidInputError } from "../config/format-issues.js";
import { repoNameSchema } from "../protocol/repo-name.js";

/** The three moments the Linear issue follows: the agent works, its PR is open, the PR is merged. */
export const linearStages = ["working", "review", "done"] as const;
export type LinearStage = (typeof linearStages)[number];

export const defaultStateNames: Record<LinearStage, string> = {
  working: "In Progress",
  review: "In Review",
  done: "Done",
};

export interface LinearSettings {
  apiKey: string;
  webhookSecret: string;
  /** Team key (upper case, "ENG") → repo ("acme/web"). */
  teams: ReadonlyMap<string, string>;
  /** Name of the label that hands an issue to Drover (matched without regard to case). */
  label: string;
  /** A Linear user id or email: issues assigned to this user start a session too. */
  assignee: string | undefined;
  /** Workflow state name for each stage. */
  states: Record<LinearStage, string>;
}

const optionalText = z
  .string()
  .optional()
  .transform((value) => (value?.trim() ? value.trim() : undefined));

/** "KEY=value,KEY=value" → pairs; an entry without "=" is reported with the text that was given. */
function pairs(text: string, ctx: z.RefinementCtx, example: string): [string, string][] {
  const result: [string, string][] = [];
  for (const entry of text.split(",").map((e) => e.trim())) {
    if (!entry) continue;
    const at = entry.indexOf("=");
    if (at <= 0 || at === entry.length - 1) {
      ctx.addIssue({ code: "custom", message: `"${entry}" is not NAME=VALUE; write it like ${example}` });
      continue;
    }
    result.push([entry.slice(0, at).trim(), entry.slice(at + 1).trim()]);
  }
  return result;
}

const teamsSchema = z.string().transform((text, ctx) => {
  const example = '"ENG=acme/web,OPS=acme/infra"';
  const teams = new Map<string, string>();
  for (const [key, repo] of pairs(text, ctx, example)) {
    if (!/^[A-Za-z0-9_]{1,20}$/.test(key)) {
      ctx.addIssue({
        code: "custom",
        message: `"${key}" is not a Linear team key (letters and digits, e.g. ENG)`,
      });
    } else if (!repoNameSchema.safeParse(repo).success) {
      ctx.addIssue({
        code: "custom",
        message: `team ${key}: "${repo}" is not a repo; write owner/name, e.g. ${example}`,
      });
    } else if (teams.has(key.toUpperCase())) {
      ctx.addIssue({ code: "custom", message: `team ${key} is mapped twice; keep one entry` });
    } else teams.set(key.toUpperCase(), repo);
  }
  if (teams.size === 0) ctx.addIssue({ code: "custom", message: `map at least one team, e.g. ${example}` });
  return teams;
});

const statesSchema = z.string().transform((text, ctx) => {
  const states = { ...defaultStateNames };
  for (const [stage, name] of pairs(text, ctx, '"working=In Progress,review=In Review,done=Done"')) {
    if ((linearStages as readonly string[]).includes(stage)) states[stage as LinearStage] = name;
    else ctx.addIssue({ code: "custom", message: `unknown stage "${stage}"; use working, review or done` });
  }
  return states;
});

const linearEnvSchema = z
  .object({
    LINEAR_API_KEY: optionalText.describe("a Linear API key (Settings → Security & access)"),
    LINEAR_WEBHOOK_SECRET: optionalText.describe("the signing secret Linear shows on the webhook's page"),
    DROVER_LINEAR_TEAMS: optionalText.pipe(teamsSchema.optional()),
    DROVER_LINEAR_LABEL: optionalText.transform((label) => label ?? "drover"),
    DROVER_LINEAR_ASSIGNEE: optionalText,
    DROVER_LINEAR_STATES: optionalText.pipe(statesSchema.optional()),
  })
  .superRefine((env, ctx) => {
    const required = ["LINEAR_API_KEY", "LINEAR_WEBHOOK_SECRET", "DROVER_LINEAR_TEAMS"] as const;
    const set = required.filter((name) => env[name] !== undefined);
    if (set.length === 0 || set.length === required.length) return;
    for (const name of required.filter((n) => env[n] === undefined)) {
      ctx.addIssue({
        code: "custom",
        path: [name],
        message: `is missing: Linear needs ${required.join(", ")} (${set.join(", ")} ${set.length === 1 ? "is" : "are"} set)`,
      });
    }
  });

/** The Linear settings, or undefined when none of its variables is set; throws InvalidInputError naming the variable. */
export function parseLinearEnv(source: NodeJS.ProcessEnv = process.env): LinearSettings | undefined {
  const result = linearEnvSchema.safeParse(source);
  if (!result.success) throw new InvalidInputError("The Linear environment", formatIssues(result.error));
  const env = result.data;
  if (!env.LINEAR_API_KEY || !env.LINEAR_WEBHOOK_SECRET || !env.DROVER_LINEAR_TEAMS) return undefined;
  return {
    apiKey: env.LINEAR_API_KEY,
    webhookSecret: env.LINEAR_WEBHOOK_SECRET,
    teams: env.DROVER_LINEAR_TEAMS,
    label: env.DROVER_LINEAR_LABEL,
    assignee: env.DROVER_LINEAR_ASSIGNEE,
    states: env.DROVER_LINEAR_STATES ?? { ...defaultStateNames },
  };
}
