// The command line that runs one convoy agent: headless Claude Code by default, or a custom command template for
// other agents and stand-ins. Either reads its prompt on stdin, which the agent's wrapper script feeds.
import type { AgentLaunchRequest } from "./agent-launcher.js";
import { claudeHeadlessCommand } from "./claude-headless-command.js";
import { fillCommandTemplate } from "./command-template.js";

export type AgentKind = "claude" | "command";

export function agentKind(request: Pick<AgentLaunchRequest, "command">): AgentKind {
  return request.command ? "command" : "claude";
}

export function agentCommandLine(
  request: AgentLaunchRequest,
  files: { prompt: string },
  claudeBin = "claude",
): string {
  if (request.command) {
    return fillCommandTemplate(request.command, {
      role: request.role,
      model: request.model ?? "",
      promptFile: files.prompt,
      outputFile: request.outputFile,
      cwd: request.cwd,
      convoyId: request.convoyId,
    });
  }
  return claudeHeadlessCommand({
    claudeBin,
    ...(request.model ? { model: request.model } : {}),
    tools: request.tools,
  });
}
