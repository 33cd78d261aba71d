// A convoy template: which agents run (role, agent template, model, timeout) and what each waits for. YAML or
// JSON; a template may `extends` another and replace, add or remove roles.
import { z } from "zod";
import { duration } from "../config/duration.js";
import { formatIssues, InvalidInputError } from "../config/format-issues.js";
import { parseData, templateName } from "./agent-template.js";

export const roleName = z
  .string()
  .regex(/^[a-z][a-z0-9-]*$/, "use lower-case letters, digits and dashes, such as security");

/** Inputs a template cannot do without; `drover convoy start` refuses to run without them. */
export const convoyInputs = ["files", "prUrl", "issue"] as const;
export type ConvoyInput = (typeof convoyInputs)[number];

const agentEntrySchema = z.strictObject({
  role: roleName,
  /** The agent template; may be left out when overriding a role inherited through `extends`. */
  agent: templateName.optional(),
  model: z.string().trim().min(1).optional(),
  timeout: duration.optional(),
  depends_on: z.array(roleName).optional(),
});
export type AgentEntry = z.output<typeof agentEntrySchema>;

const convoyTemplateSchema = z.strictObject({
  name: templateName.optional(),
  description: z.string().trim().min(1).optional(),
  extends: templateName.optional(),
  requires: z.array(z.enum(convoyInputs)).optional(),
  /** Each agent's time limit unless its entry sets one. */
  timeout: duration.optional(),
  agents: z.array(agentEntrySchema).default([]),
  /** Roles inherited through `extends` to drop. */
  remove: z.array(roleName).default([]),
});
export type ConvoyTemplate = z.output<typeof convoyTemplateSchema> & { name: string };

/** Parses a convoy template file; its name defaults to the file's name without extension. */
export function parseConvoyTemplate(text: string, source: string): ConvoyTemplate {
  const parsed = convoyTemplateSchema.safeParse(parseData(text, source) ?? {});
  if (!parsed.success) throw new InvalidInputError(source, formatIssues(parsed.error));
  const stem = source
    .split(/[\\/]/)
    .at(-1)!
    .replace(/\.(ya?ml|json)$/, "");
  const template = { ...parsed.data, name: parsed.data.name ?? stem };
  if (!template.extends && !template.description) {
    throw new InvalidInputError(source, "description: required (or `extends` another template)");
  }
  if (!template.extends && template.agents.length === 0) {
    throw new InvalidInputError(source, "agents: a convoy needs at least one agent");
  }
  return template;
}
