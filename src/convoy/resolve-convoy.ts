// Turns a convoy template into the agents that will run: `extends` applied, agent templates looked up, models
// and time limits decided, phases planned. Every mistake is an error naming the template file and field.
import { InvalidInputError } from "../config/format-issues.js";
import type { OutputKind } from "./agent-template.js";
import type { AgentEntry, ConvoyInput, ConvoyTemplate } from "./convoy-template.js";
import type { LoadedTemplate, TemplateCatalog } from "./load-templates.js";
import { ConvoyPlanError, planPhases } from "./plan-phases.js";

export interface ResolvedAgent {
  role: string;
  /** The agent template's name. */
  agent: string;
  description: string;
  model?: string;
  tools: string[];
  output: OutputKind;
  command?: string;
  dependsOn: string[];
  timeoutMs: number;
  /** The prompt with its {{variables}} still in place: they are filled in when the agent starts. */
  prompt: string;
}

export interface ResolvedConvoy {
  name: string;
  description: string;
  file: string;
  requires: ConvoyInput[];
  agents: ResolvedAgent[];
  phases: string[][];
}

export interface ConvoyOverrides {
  /** Model for every agent, unless a role has its own in `models`. */
  model?: string;
  /** Model by role. */
  models?: Record<string, string>;
  /** Each agent's time limit, replacing the template's. */
  timeoutMs?: number;
  /** A custom agent command for every agent, replacing Claude (stand-ins, other agents). */
  command?: string;
}

export const defaultAgentTimeoutMs = 10 * 60_000;

export class UnknownTemplateError extends Error {
  constructor(
    readonly templateName: string,
    readonly known: string[],
  ) {
    super(`There is no convoy template named "${templateName}". Templates: ${known.join(", ")}.`);
    this.name = "UnknownTemplateError";
  }
}

export function resolveConvoy(
  catalog: TemplateCatalog,
  name: string,
  overrides: ConvoyOverrides = {},
): ResolvedConvoy {
  const { template, file, entries } = flatten(catalog, name, []);
  const agents = entries.map((entry, index): ResolvedAgent => {
    const field = `agents.${index}`;
    if (!entry.agent)
      throw new InvalidInputError(file, `${field}.agent: required for the new role "${entry.role}"`);
    const problem = catalog.problems.find((p) => p.kind === "agent" && p.name === entry.agent);
    if (problem) throw new InvalidInputError(problem.file, problem.message.replace(/^.*? is invalid:\n/, ""));
    const loaded = catalog.agents.get(entry.agent);
    if (!loaded) {
      throw new InvalidInputError(
        file,
        `${field}.agent: no agent template named "${entry.agent}" (agents: ${[...catalog.agents.keys()].sort().join(", ")})`,
      );
    }
    const agent = loaded.template;
    const model = overrides.models?.[entry.role] ?? overrides.model ?? entry.model ?? agent.model;
    const command = overrides.command ?? agent.command;
    return {
      role: entry.role,
      agent: agent.name,
      description: agent.description,
      ...(model ? { model } : {}),
      tools: agent.tools,
      output: agent.output,
      ...(command ? { command } : {}),
      dependsOn: entry.depends_on ?? [],
      timeoutMs: overrides.timeoutMs ?? entry.timeout ?? template.timeout ?? defaultAgentTimeoutMs,
      prompt: agent.prompt,
    };
  });

  for (const role of Object.keys(overrides.models ?? {})) {
    if (!agents.some((a) => a.role === role)) {
      throw new InvalidInputError(
        "The model overrides",
        `${role}: "${name}" has no such role (roles: ${agents.map((a) => a.role).join(", ")})`,
      );
    }
  }

  let phases: string[][];
  try {
    phases = planPhases(agents);
  } catch (error) {
    if (error instanceof ConvoyPlanError) throw new InvalidInputError(file, `agents: ${error.message}`);
    throw error;
  }
  return {
    name: template.name,
    description: template.description ?? "",
    file,
    requires: template.requires ?? [],
    agents,
    phases,
  };
}

interface Flattened {
  template: ConvoyTemplate;
  file: string;
  entries: AgentEntry[];
}

// Follows `extends` to the root, then applies each template's removals and role entries on the way back.
function flatten(catalog: TemplateCatalog, name: string, chain: string[]): Flattened {
  if (chain.includes(name)) {
    throw new InvalidInputError(
      catalog.convoys.get(chain[0]!)?.file ?? name,
      `extends: the templates extend each other in a circle: ${[...chain, name].join(" → ")}`,
    );
  }
  const problem = catalog.problems.find((p) => p.kind === "convoy" && p.name === name);
  if (problem) throw new InvalidInputError(problem.file, problem.message.replace(/^.*? is invalid:\n/, ""));
  const loaded = catalog.convoys.get(name);
  if (!loaded) {
    if (chain.length === 0) throw new UnknownTemplateError(name, [...catalog.convoys.keys()].sort());
    const child = catalog.convoys.get(chain.at(-1)!)!;
    throw new InvalidInputError(child.file, `extends: there is no convoy template named "${name}"`);
  }
  const { template, file } = loaded;
  if (!template.extends) {
    return { template, file, entries: template.agents };
  }
  // A template that overrides a built-in of the same name and extends it means "the one I replaced".
  const parentName = template.extends;
  const parent =
    parentName === name && loaded.replaces
      ? flattenReplaced(catalog, loaded.replaces)
      : flatten(catalog, parentName, [...chain, name]);
  for (const role of template.remove) {
    if (!parent.entries.some((e) => e.role === role)) {
      throw new InvalidInputError(file, `remove: "${parentName}" has no role "${role}"`);
    }
  }
  const entries = parent.entries.filter((e) => !template.remove.includes(e.role));
  for (const entry of template.agents) {
    const at = entries.findIndex((e) => e.role === entry.role);
    if (at >= 0) entries[at] = { ...entries[at]!, ...definedFields(entry) };
    else entries.push(entry);
  }
  return {
    template: {
      ...parent.template,
      ...definedFields(template),
      description: template.description ?? parent.template.description,
    },
    file,
    entries,
  };
}

function flattenReplaced(catalog: TemplateCatalog, replaced: LoadedTemplate<ConvoyTemplate>): Flattened {
  const convoys = new Map(catalog.convoys).set(replaced.template.name, replaced);
  return flatten({ ...catalog, convoys }, replaced.template.name, []);
}

function definedFields<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
