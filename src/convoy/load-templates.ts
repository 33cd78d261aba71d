// Reads every convoy and agent template from the template sources into one catalog. A broken custom file does
// not hide the others, but a convoy that needs it fails with the file's own error (file and field).
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { InvalidInputError } from "../config/format-issues.js";
import { type AgentTemplate, parseAgentTemplate } from "./agent-template.js";
import { type ConvoyTemplate, parseConvoyTemplate } from "./convoy-template.js";
import { type TemplateOrigin, type TemplateSource, templateSources } from "./template-sources.js";

export interface LoadedTemplate<T> {
  template: T;
  file: string;
  origin: TemplateOrigin;
  /** The template of the same name this one overrides (a custom file over a built-in, say). */
  replaces?: LoadedTemplate<T>;
}

export interface TemplateProblem {
  /** The template's name as its file name gives it. */
  name: string;
  kind: "convoy" | "agent";
  file: string;
  message: string;
}

export interface TemplateCatalog {
  convoys: Map<string, LoadedTemplate<ConvoyTemplate>>;
  agents: Map<string, LoadedTemplate<AgentTemplate>>;
  /** Custom files that could not be read; a template of that name is unusable until fixed. */
  problems: TemplateProblem[];
}

const convoyFile = /\.(ya?ml|json)$/;
const agentFile = /\.(md|ya?ml|json)$/;

export async function loadTemplateCatalog(
  options: {
    repoDir?: string;
    /** The user's config dir (holding convoys/ and agents/); default `$XDG_CONFIG_HOME/drover`. */
    userDir?: string;
    env?: NodeJS.ProcessEnv;
    home?: string;
    sources?: TemplateSource[];
  } = {},
): Promise<TemplateCatalog> {
  const catalog: TemplateCatalog = { convoys: new Map(), agents: new Map(), problems: [] };
  for (const source of options.sources ?? templateSources(options)) {
    await loadKind(catalog, source, "agent");
    await loadKind(catalog, source, "convoy");
  }
  return catalog;
}

async function loadKind(catalog: TemplateCatalog, source: TemplateSource, kind: "convoy" | "agent") {
  const dir = join(source.dir, kind === "convoy" ? "convoys" : "agents");
  const pattern = kind === "convoy" ? convoyFile : agentFile;
  const files = (await listFiles(dir)).filter((f) => pattern.test(f)).sort();
  for (const name of files) {
    const file = join(dir, name);
    const stem = name.replace(pattern, "");
    try {
      const text = await readFile(file, "utf8");
      if (kind === "convoy")
        add(catalog, catalog.convoys, parseConvoyTemplate(text, file), file, source, kind);
      else add(catalog, catalog.agents, parseAgentTemplate(text, file), file, source, kind);
    } catch (error) {
      // A broken built-in is our bug and must not ship; a user's broken file is reported, not fatal.
      if (source.origin === "built-in" || !(error instanceof InvalidInputError)) throw error;
      catalog.problems = catalog.problems.filter((p) => !(p.kind === kind && p.name === stem));
      catalog.problems.push({ name: stem, kind, file, message: error.message });
    }
  }
}

function add<T extends { name: string }>(
  catalog: TemplateCatalog,
  map: Map<string, LoadedTemplate<T>>,
  template: T,
  file: string,
  source: TemplateSource,
  kind: "convoy" | "agent",
): void {
  const previous = map.get(template.name);
  map.set(template.name, {
    template,
    file,
    origin: source.origin,
    ...(previous ? { replaces: previous } : {}),
  });
  // A later, valid file of the same name supersedes an earlier broken one.
  catalog.problems = catalog.problems.filter((p) => !(p.kind === kind && p.name === template.name));
}

async function listFiles(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}
