// The command line that runs one agent: headless Claude Code (`claude -p`, stream-json) by default, or a custom
// command template for other agents and stand-ins.
import type { AgentLaunchRequest } from "./agent-launcher.js";
import { shellQuote } from "./shell-quote.js";

export type AgentKind = "claude" | "command";

/** Variables a custom command may use; each is shell-quoted when filled in. */
export const commandVariables = ["role", "model", "promptFile", "outputFile", "cwd", "convoyId"] as const;

export function agentKind(request: Pick<AgentLaunchRequest, "command">): AgentKind {
  return request.command ? "command" : "claude";
}

export function agentCommandLine(
  request: AgentLaunchRequest,
  files: { prompt: string },
  claudeBin = "claude",
): string {
  if (request.command) {
    const values: Record<(typeof commandVariables)[number], string> = {
      role: request.role,
      model: request.model ?? "",
      promptFile: files.prompt,
      outputFile: request.outputFile,
      cwd: request.cwd,
      convoyId: request.convoyId,
    };
    return request.command.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) =>
      name in values ? shellQuote(values[name as keyof typeof values]) : whole,
    );
  }
  // The prompt goes on stdin: a synthesis prompt carrying every finding can pass the 128 KB limit of one argument.
  // stream-json needs --verbose with -p (Claude Code 2.1.330); the last line is the result.
  const argv = [claudeBin, "-p", "--output-format", "stream-json", "--verbose"];
  if (request.model) argv.push("--model", request.model);
  if (request.tools.length > 0) {
    const tools = request.tools.join(",");
    // --tools limits what the agent has; --allowedTools lets it use them without a permission prompt.
    argv.push("--tools", tools, "--allowedTools", tools);
  }
  return argv.map(shellQuote).join(" ");
}
