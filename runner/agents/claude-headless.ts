// Claude Code headless (`claude -p … --output-format stream-json --verbose`): one prompt, read on stdin from its
// file (any size), no terminal; it exits when the work is done. Its hooks fire as in interactive mode; its
// stream-json output is the output tail. The command line is the convoy engine's, with the runner's flags.

import { claudeHeadlessCommand } from "../../src/convoy/claude-headless-command.js";
import { genericProbe } from "../runtimes/deliver-to-pane.js";
import type { AgentAdapter } from "./agent.js";
import { claudeFlags, prepareClaude } from "./claude-launch.js";

export const claudeHeadless: AgentAdapter = {
  name: "claude-headless",
  interactive: false,
  hooks: true,
  noteFile: "CLAUDE.md",
  probe: genericProbe,
  prepare: prepareClaude,
  launch: (ctx) => ({
    command: claudeHeadlessCommand({
      claudeBin: ctx.runner.agents.claudeCommand,
      // The permission flags alone; the model goes through the shared builder, which quotes it.
      flags: claudeFlags(ctx.runner, undefined),
      ...(ctx.model ? { model: ctx.model } : {}),
      promptFile: ctx.promptFile,
    }),
    // With the command: nothing is typed.
    prompt: "argument",
    stdin: "none",
  }),
};
