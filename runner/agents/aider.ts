// Aider, interactive in tmux: started with the runner's note as a read-only file, the prompt typed in once its
// `> ` prompt shows.

import { shellQuote } from "../../src/shared/shell-quote.js";
import type { AgentAdapter } from "./agent.js";

const promptLine = /(^|\n)[^\n]*> ?\s*$/;

export const aider: AgentAdapter = {
  name: "aider",
  interactive: true,
  hooks: false,
  noteFile: "AGENTS.md",
  probe: {
    ready: (screen) => promptLine.test(`${screen.trimEnd()} `),
    holdsInput(view, typed) {
      if (typed.cursorLine.trim() === "") return undefined;
      return view.cursorY === typed.cursorY && view.cursorLine === typed.cursorLine;
    },
  },
  prepare: async () => [],
  launch: (ctx) => ({
    command: [
      shellQuote(ctx.runner.agents.aiderCommand),
      "--yes-always",
      "--read",
      "AGENTS.md",
      ...(ctx.model ? ["--model", shellQuote(ctx.model)] : []),
    ].join(" "),
    prompt: "typed",
    stdin: "pipe",
  }),
};
