// Claude Code headless (`claude -p … --output-format stream-json --verbose`): one prompt, no terminal, exits
// when the work is done. Its hooks fire as in interactive mode; its stream-json output is the output tail.

import { genericProbe } from "../runtimes/deliver-to-pane.js";
import type { AgentAdapter } from "./agent.js";
import { shellQuote } from "./agent.js";
import { claudeFlags, prepareClaude, promptArgument } from "./claude-launch.js";

export const claudeHeadless: AgentAdapter = {
  name: "claude-headless",
  interactive: false,
  hooks: true,
  noteFile: "CLAUDE.md",
  probe: genericProbe,
  prepare: prepareClaude,
  launch: (ctx) => ({
    command: [
      shellQuote(ctx.runner.agents.claudeCommand),
      "-p",
      promptArgument(ctx.promptFile),
      // Without --verbose, stream-json output is refused in print mode (2.1.330).
      "--output-format",
      "stream-json",
      "--verbose",
      ...claudeFlags(ctx.runner, ctx.model),
    ].join(" "),
    prompt: "argument",
    stdin: "none",
  }),
};
