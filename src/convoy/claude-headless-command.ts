// The command line of headless Claude Code (`claude -p`, stream-json), for convoy agents and the runner's
// claude-headless sessions alike. The prompt always comes on stdin, never as an argument: Linux refuses one
// argument over 128 KB, and a synthesis prompt carrying every finding can pass that.
import { shellQuote } from "../shared/shell-quote.js";

export interface ClaudeHeadlessCommand {
  /** The Claude Code binary; `claude` on PATH by default. */
  claudeBin?: string;
  model?: string;
  /** Tools the agent may use; empty: Claude's defaults. */
  tools?: readonly string[];
  /** More flags, such as the runner's permission mode. */
  flags?: readonly string[];
  /** The file stdin is read from; leave it out when the caller feeds stdin itself (the convoy's wrapper). */
  promptFile?: string;
}

export function claudeHeadlessCommand(options: ClaudeHeadlessCommand): string {
  // stream-json needs --verbose with -p (Claude Code 2.1.330); its last line is the result.
  const argv = [options.claudeBin ?? "claude", "-p", "--output-format", "stream-json", "--verbose"];
  argv.push(...(options.flags ?? []));
  if (options.model) argv.push("--model", options.model);
  const tools = options.tools ?? [];
  if (tools.length > 0) {
    const list = tools.join(",");
    // --tools limits what the agent has; --allowedTools lets it use them without a permission prompt.
    argv.push("--tools", list, "--allowedTools", list);
  }
  const line = argv.map(shellQuote).join(" ");
  return options.promptFile ? `${line} < ${shellQuote(options.promptFile)}` : line;
}
