// Any agent, from the repo config's command template: {prompt}, {promptFile}, {model} and {workspace} are
// replaced by shell-quoted values. Without {prompt} or {promptFile} the prompt is typed (or written to stdin).

import { genericProbe } from "../runtimes/deliver-to-pane.js";
import { type AgentAdapter, AgentSetupError, shellQuote } from "./agent.js";

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
    const values: Record<string, string> = {
      prompt: ctx.prompt,
      promptFile: ctx.promptFile,
      model: ctx.model ?? "",
      workspace: ctx.workspace,
    };
    const command = template.replace(/\{(prompt|promptFile|model|workspace)\}/g, (_, key: string) =>
      shellQuote(values[key]!),
    );
    return {
      command,
      prompt: /\{(prompt|promptFile)\}/.test(template) ? "argument" : "typed",
      stdin: "pipe",
    };
  },
};
