// Any agent, from the repo config's command template: {prompt}, {promptFile}, {model} and {workspace} (or
// {{…}}) are replaced by shell-quoted values, as in convoy templates. Without {prompt} or {promptFile} the prompt
// is typed (or written to stdin), which works for any size; {prompt} is one argument, which Linux limits.

import { fillCommandTemplate, maxArgumentBytes, templateUses } from "../../src/convoy/command-template.js";
import { genericProbe } from "../runtimes/deliver-to-pane.js";
import { type AgentAdapter, AgentSetupError } from "./agent.js";

export const customAgent: AgentAdapter = {
  name: "custom",
  interactive: false,
  hooks: false,
  noteFile: "AGENTS.md",
  probe: genericProbe,
  prepare: async () => [],
  launch(ctx) {
    const template = ctx.repoConfig.agent.command;
    if (!template)
      throw new AgentSetupError("the custom agent needs a command: set agent.command in .github/drover.yml");
    const inline = templateUses(template, "prompt");
    const size = Buffer.byteLength(ctx.prompt);
    // Refused here with advice, rather than by the kernel with "Argument list too long" once the agent starts.
    if (inline && size >= maxArgumentBytes)
      throw new AgentSetupError(
        `the prompt is ${Math.ceil(size / 1024)} KB, more than one command-line argument can carry: use {promptFile} instead of {prompt} in agent.command`,
      );
    const command = fillCommandTemplate(template, {
      prompt: ctx.prompt,
      promptFile: ctx.promptFile,
      model: ctx.model ?? "",
      workspace: ctx.workspace,
    });
    return {
      command,
      prompt: inline || templateUses(template, "promptFile") ? "argument" : "typed",
      stdin: "pipe",
    };
  },
};
