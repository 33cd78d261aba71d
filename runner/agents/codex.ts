// OpenAI Codex CLI, interactive in tmux with the prompt on its command line; it reads AGENTS.md.

import { shellQuote } from "../../src/shared/shell-quote.js";
import { genericProbe } from "../runtimes/deliver-to-pane.js";
import type { AgentAdapter } from "./agent.js";
import { promptArgument } from "./claude-launch.js";

export const codex: AgentAdapter = {
  name: "codex",
  interactive: true,
  hooks: false,
  noteFile: "AGENTS.md",
  probe: genericProbe,
  prepare: async () => [],
  launch: (ctx) => ({
    command: [
      shellQuote(ctx.runner.agents.codexCommand),
      "--full-auto",
      ...(ctx.model ? ["--model", shellQuote(ctx.model)] : []),
      promptArgument(ctx.promptFile),
    ].join(" "),
    prompt: "argument",
    stdin: "none",
  }),
};
