// The Action's inputs, read the way the runner passes them (INPUT_<NAME> variables) and checked with zod; the
// schema's type makes a forgotten input a compile error, and a bad value fails the step naming the input.
import * as core from "@actions/core";
import { z } from "zod";
import { parseDuration } from "../../src/config/duration.js";
import { formatIssues, InvalidInputError } from "../../src/config/format-issues.js";
import { severities } from "../../src/convoy/severity.js";

const optional = z
  .string()
  .transform((v) => v.trim())
  .transform((v) => (v === "" ? undefined : v));
const bool = (name: string) =>
  z
    .string()
    .transform((v) => v.trim().toLowerCase())
    .pipe(z.enum(["true", "false"], { message: `${name}: use true or false` }))
    .transform((v) => v === "true");
const lines = z.string().transform((v) =>
  v
    .split(/[\n,]/)
    .map((line) => line.trim())
    .filter(Boolean),
);

const inputsSchema = z.object({
  anthropic_api_key: optional,
  claude_code_oauth_token: optional,
  github_token: z.string().trim().min(1, "required (the default is the workflow's GITHUB_TOKEN)"),
  template: z.string().trim().min(1),
  model: optional,
  models: lines.transform((entries, ctx) => {
    const models: Record<string, string> = {};
    for (const entry of entries) {
      const [role, model] = entry.split("=").map((part) => part.trim());
      if (!role || !model) {
        ctx.addIssue({ code: "custom", message: `"${entry}" is not ROLE=MODEL` });
        return z.NEVER;
      }
      models[role] = model;
    }
    return models;
  }),
  files: lines,
  fail_on: z.enum([...severities, "never"]),
  timeout: z.string().transform((text, ctx) => {
    const ms = parseDuration(text);
    if (ms === undefined || ms <= 0) {
      ctx.addIssue({ code: "custom", message: `expected a duration such as "10m", got "${text}"` });
      return z.NEVER;
    }
    return ms;
  }),
  allow_forks: bool("allow_forks"),
  post_review: bool("post_review"),
});
export type ActionInputs = z.output<typeof inputsSchema>;

/** Defaults as action.yml declares them, for inputs a caller (or a test) leaves out. */
const defaults: Record<keyof z.input<typeof inputsSchema>, string> = {
  anthropic_api_key: "",
  claude_code_oauth_token: "",
  github_token: "",
  template: "code-review",
  model: "",
  models: "",
  files: "",
  fail_on: "never",
  timeout: "10m",
  allow_forks: "false",
  post_review: "true",
};

export function readInputs(): ActionInputs {
  const raw = Object.fromEntries(
    Object.entries(defaults).map(([name, fallback]) => [name, core.getInput(name) || fallback]),
  );
  // Masked before anything can print them.
  for (const secret of [raw.anthropic_api_key, raw.claude_code_oauth_token, raw.github_token]) {
    if (secret) core.setSecret(secret);
  }
  // Checked apart from the schema so that it is reported together with any other wrong input.
  const problems: string[] = [];
  if (!raw.anthropic_api_key?.trim() && !raw.claude_code_oauth_token?.trim()) {
    problems.push(
      "anthropic_api_key: set anthropic_api_key or claude_code_oauth_token (from a repository secret)",
    );
  }
  const parsed = inputsSchema.safeParse(raw);
  if (!parsed.success) problems.push(formatIssues(parsed.error));
  if (problems.length > 0 || !parsed.success)
    throw new InvalidInputError("The action's inputs", problems.join("\n"));
  return parsed.data;
}
