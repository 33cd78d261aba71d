// Claude Code, interactive in tmux (the default agent): the prompt goes on its command line, its hooks report
// to the runner, and messages are typed into its input box.

import { shellQuote } from "../../src/shared/shell-quote.js";
import type { AgentAdapter } from "./agent.js";
import { claudeFlags, prepareClaude, promptArgument } from "./claude-launch.js";
import { claudeProbe } from "./claude-screen.js";

export const claudeCode: AgentAdapter = {
  name: "claude-code",
  interactive: true,
  hooks: true,
  noteFile: "CLAUDE.md",
  probe: claudeProbe,
  prepare: prepareClaude,
  launch: (ctx) => ({
    command: [
      shellQuote(ctx.runner.agents.claudeCommand),
      ...claudeFlags(ctx.runner, ctx.model),
      promptArgument(ctx.promptFile),
    ].join(" "),
    prompt: "argument",
    stdin: "none",
  }),
};
