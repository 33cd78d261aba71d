// The adapter for an agent name, as sessions and `.github/drover.yml` name them.
import { agentNames } from "../../src/config/repo-config.js";
import { type AgentAdapter, AgentSetupError } from "./agent.js";
import { aider } from "./aider.js";
import { claudeCode } from "./claude-code.js";
import { claudeHeadless } from "./claude-headless.js";
import { codex } from "./codex.js";
import { customAgent } from "./custom.js";

const adapters: Record<(typeof agentNames)[number], AgentAdapter> = {
  "claude-code": claudeCode,
  "claude-headless": claudeHeadless,
  codex,
  aider,
  custom: customAgent,
};

export function agentFor(name: string): AgentAdapter {
  const adapter = adapters[name as keyof typeof adapters];
  if (!adapter)
    throw new AgentSetupError(
      `this runner does not know the agent "${name}"; it knows ${agentNames.join(", ")}`,
    );
  return adapter;
}
