// `runner.env` beside runner.json: variables the daemon and its agents need that a service does not inherit
// from a login shell (ANTHROPIC_API_KEY, proxies…). KEY=VALUE lines; what the environment already has wins.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { runnerConfigDir } from "./paths.js";

export function loadRunnerEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const file = join(runnerConfigDir(env), "runner.env");
  if (!existsSync(file)) return undefined;
  for (const raw of readFileSync(file, "utf8").split("\n")) {
    const line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!match) continue;
    const value = match[2]!.replace(/^(['"])(.*)\1$/, "$2");
    if (env[match[1]!] === undefined) env[match[1]!] = value;
  }
  return file;
}
