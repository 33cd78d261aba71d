// What both Claude Code adapters share: the user config that lets it open without dialogs, the hooks, and
// the permission flags that match the runner's setting.
import { join } from "node:path";
import { shellQuote } from "../../src/shared/shell-quote.js";
import type { RunnerConfig } from "../config/runner-config.js";
import { AgentSetupError, type LaunchContext } from "./agent.js";
import { prepareClaudeHome } from "./claude-config.js";
import { claudeSettingsFile, installClaudeHooks } from "./claude-hooks.js";

export async function prepareClaude(ctx: LaunchContext): Promise<string[]> {
  const mode = ctx.runner.agents.claudePermissionMode;
  // As root, Claude refuses --dangerously-skip-permissions outside a declared sandbox; say so before it fails.
  if (mode === "bypassPermissions" && process.getuid?.() === 0 && !ctx.env.IS_SANDBOX)
    throw new AgentSetupError(
      "Claude Code refuses --dangerously-skip-permissions as root unless IS_SANDBOX=1: set IS_SANDBOX=1 in the runner's environment if this machine is a sandbox, or set agents.claudePermissionMode to acceptEdits in runner.json",
    );
  const configDir = ctx.env.CLAUDE_CONFIG_DIR?.trim();
  const home = configDir || ctx.env.HOME;
  if (!home)
    throw new AgentSetupError(
      "neither HOME nor CLAUDE_CONFIG_DIR is set, so Claude Code's config cannot be prepared",
    );
  prepareClaudeHome({
    home,
    layout: configDir ? "config-dir" : "home",
    worktree: ctx.workspace,
    ...(ctx.env.ANTHROPIC_API_KEY ? { apiKey: ctx.env.ANTHROPIC_API_KEY } : {}),
    skipPermissionsPrompt: mode === "bypassPermissions",
  });
  installClaudeHooks(ctx.workspace, ctx.hookCommand);
  return [claudeSettingsFile];
}

export function claudeFlags(runner: RunnerConfig, model: string | undefined): string[] {
  const mode = runner.agents.claudePermissionMode;
  return [
    ...(mode === "bypassPermissions" ? ["--dangerously-skip-permissions"] : []),
    ...(mode === "acceptEdits" ? ["--permission-mode", "acceptEdits"] : []),
    ...(model ? ["--model", shellQuote(model)] : []),
  ];
}

/** The prompt read from its file by the shell: no length or quoting limits of a command line typed into tmux. */
export const promptArgument = (promptFile: string) => `"$(cat ${shellQuote(promptFile)})"`;

export const claudeTranscriptDir = (home: string) => join(home, ".claude", "projects");
