// `drover convoy templates`: every convoy template with its agents, and every agent template, with where each
// comes from (built-in, the user's config dir, the repository) and what it overrides.
import type { LoadedTemplate, TemplateCatalog } from "../../src/convoy/load-templates.js";

export function templatesText(catalog: TemplateCatalog, json: boolean): string {
  const convoys = [...catalog.convoys.values()].sort(byName);
  const agents = [...catalog.agents.values()].sort(byName);
  if (json) {
    return JSON.stringify(
      {
        convoys: convoys.map((c) => ({
          ...c.template,
          origin: c.origin,
          file: c.file,
          overrides: c.replaces?.file,
        })),
        agents: agents.map((a) => {
          const { prompt: _, ...template } = a.template;
          return { ...template, origin: a.origin, file: a.file, overrides: a.replaces?.file };
        }),
        problems: catalog.problems,
      },
      null,
      2,
    );
  }
  const lines = ["Convoy templates:"];
  for (const c of convoys) {
    const roles = c.template.agents.map((a) => a.role).join(", ");
    lines.push(
      `  ${c.template.name.padEnd(16)} ${c.template.description ?? `extends ${c.template.extends}`}`,
    );
    lines.push(`  ${"".padEnd(16)} ${roles ? `agents: ${roles} · ` : ""}${where(c)}`);
  }
  lines.push("", "Agent templates:");
  for (const a of agents) {
    lines.push(
      `  ${a.template.name.padEnd(24)} ${a.template.output.padEnd(9)} ${a.template.description} (${where(a)})`,
    );
  }
  return lines.join("\n");
}

function where(loaded: LoadedTemplate<unknown>): string {
  return loaded.origin === "built-in"
    ? "built-in"
    : `${loaded.origin}: ${loaded.file}${loaded.replaces ? " (overrides)" : ""}`;
}

function byName(a: LoadedTemplate<{ name: string }>, b: LoadedTemplate<{ name: string }>): number {
  return a.template.name.localeCompare(b.template.name);
}
