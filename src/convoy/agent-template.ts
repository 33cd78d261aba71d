// An agent template: who the agent is (name, description, model, tools), what it hands back (findings, a
// synthesis or prose), and its prompt. Written as Markdown with YAML front matter, or as YAML/JSON with `prompt`.
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { formatIssues, InvalidInputError } from "../config/format-issues.js";
import { unknownVariables } from "./prompt-variables.js";

export const outputKinds = ["findings", "synthesis", "prose"] as const;
export type OutputKind = (typeof outputKinds)[number];

export const templateName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, "use lower-case letters, digits and dashes, such as security-reviewer");

const fields = {
  name: templateName,
  description: z.string().trim().min(1),
  /** A Claude model or alias (sonnet, opus, claude-…); absent: the agent's default. */
  model: z.string().trim().min(1).optional(),
  /** Tools the agent may use; reviewers only read. Empty: the agent's defaults. */
  tools: z.array(z.string().trim().min(1)).default([]),
  output: z.enum(outputKinds).default("prose"),
  /** A custom agent: a shell command run instead of Claude (prompt on stdin; see docs/convoy.md). */
  command: z.string().trim().min(1).optional(),
};

const frontMatterSchema = z.strictObject(fields);
const promptField = z
  .string()
  .trim()
  .min(1, "the prompt is empty")
  .superRefine((prompt, ctx) => {
    const unknown = unknownVariables(prompt);
    if (unknown.length > 0) {
      ctx.addIssue({
        code: "custom",
        message: `unknown variable ${unknown.map((v) => `{{${v}}}`).join(", ")}; see docs/convoy.md for the list`,
      });
    }
  });
const dataSchema = z.strictObject({ ...fields, prompt: promptField });

export type AgentTemplate = z.output<typeof dataSchema>;

/** Parses an agent template file's text; `source` names the file in errors. */
export function parseAgentTemplate(text: string, source: string): AgentTemplate {
  if (source.endsWith(".md")) return parseMarkdown(text, source);
  return validate(parseData(text, source), dataSchema, source);
}

function parseMarkdown(text: string, source: string): AgentTemplate {
  const match = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)([\s\S]*)$/.exec(text);
  if (!match) {
    throw new InvalidInputError(
      source,
      "(top level): expected YAML front matter between --- lines (name, description, model, tools), then the prompt",
    );
  }
  const header = validate(parseYamlText(match[1]!, source), frontMatterSchema, source);
  const prompt = promptField.safeParse(match[2]);
  if (!prompt.success) throw new InvalidInputError(source, formatIssues(prompt.error, "prompt"));
  return { ...header, prompt: prompt.data };
}

function validate<S extends z.ZodType>(data: unknown, schema: S, source: string): z.output<S> {
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new InvalidInputError(source, formatIssues(parsed.error));
  return parsed.data;
}

/** YAML or JSON text by the file's extension. */
export function parseData(text: string, source: string): unknown {
  if (source.endsWith(".json")) {
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new InvalidInputError(source, `(top level): not valid JSON: ${(error as Error).message}`);
    }
  }
  return parseYamlText(text, source);
}

function parseYamlText(text: string, source: string): unknown {
  try {
    return parseYaml(text);
  } catch (error) {
    throw new InvalidInputError(source, `(top level): not valid YAML: ${(error as Error).message}`);
  }
}
