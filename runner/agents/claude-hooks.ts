// Claude Code hooks in the workspace's `.claude/settings.local.json`: every event the runner watches runs the
// runner's hook client, which passes the payload on to the daemon. Merged into a file the repo may already
// link there, keeping the user's own hooks.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { AgentSetupError } from "./agent.js";

export const claudeHookEvents = [
  "SessionStart",
  "UserPromptSubmit",
  "PostToolUse",
  "Notification",
  "Stop",
  "SessionEnd",
] as const;
export const claudeSettingsFile = ".claude/settings.local.json";

type HookEntry = { matcher?: string; hooks: { type: string; command: string; timeout?: number }[] };

export function installClaudeHooks(workspace: string, command: string): void {
  const file = join(workspace, claudeSettingsFile);
  let settings: { hooks?: Record<string, HookEntry[]> } & Record<string, unknown> = {};
  if (existsSync(file)) {
    try {
      settings = JSON.parse(readFileSync(file, "utf8"));
    } catch (error) {
      throw new AgentSetupError(
        `${file} is not valid JSON (${(error as Error).message}); fix it so the runner can add its hooks`,
      );
    }
  }
  const hooks = { ...(settings.hooks ?? {}) };
  for (const event of claudeHookEvents) {
    // Replace an earlier runner's entry (a respawn), keep everyone else's.
    const others = (hooks[event] ?? []).filter(
      (entry) => !entry.hooks.some((h) => h.command.includes("hook-client")),
    );
    hooks[event] = [...others, { hooks: [{ type: "command", command, timeout: 10 }] }];
  }
  mkdirSync(join(workspace, ".claude"), { recursive: true });
  writeFileSync(file, `${JSON.stringify({ ...settings, hooks }, null, 2)}\n`);
}
