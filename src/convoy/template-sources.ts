// Where convoy and agent templates come from, later ones overriding earlier ones by name: the built-ins shipped
// beside this file (src/ or dist/, and action/dist), the user's config dir, then the repository's .github/drover.
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export type TemplateOrigin = "built-in" | "user" | "repo";

export interface TemplateSource {
  origin: TemplateOrigin;
  /** Holds convoys/ and agents/. */
  dir: string;
}

// Joined from a variable on purpose: a bundler (ncc) must not turn the folder into an asset of its own; the
// Action's build copies it next to the bundle, where this same path then points.
const here = dirname(fileURLToPath(import.meta.url));
const builtInFolder = "templates";

export function builtInTemplatesDir(): string {
  return join(here, builtInFolder);
}

/** `$XDG_CONFIG_HOME/drover`, by default ~/.config/drover. */
export function userConfigDir(env: NodeJS.ProcessEnv = process.env, home = homedir()): string {
  return join(env.XDG_CONFIG_HOME || join(home, ".config"), "drover");
}

export function templateSources(
  options: { repoDir?: string; userDir?: string; env?: NodeJS.ProcessEnv; home?: string } = {},
): TemplateSource[] {
  const sources: TemplateSource[] = [
    { origin: "built-in", dir: builtInTemplatesDir() },
    { origin: "user", dir: options.userDir ?? userConfigDir(options.env, options.home) },
  ];
  if (options.repoDir) sources.push({ origin: "repo", dir: join(options.repoDir, ".github", "drover") });
  return sources;
}
