// The environment the agents run with: the job's, minus every token and input the step was given (an agent
// reading untrusted code must not be able to hand out the GitHub token), plus the model credential it needs.
import type { ActionInputs } from "./inputs.js";

const withheld = [
  /^INPUT_/,
  /^GITHUB_TOKEN$/,
  /^GH_TOKEN$/,
  /^ACTIONS_RUNTIME_TOKEN$/,
  /^ACTIONS_ID_TOKEN_REQUEST_/,
  /^ACTIONS_CACHE_URL$/,
  /^ACTIONS_RESULTS_URL$/,
  /^ANTHROPIC_API_KEY$/,
  /^CLAUDE_CODE_OAUTH_TOKEN$/,
];

export function agentEnv(env: NodeJS.ProcessEnv, inputs: ActionInputs): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && !withheld.some((pattern) => pattern.test(name))) out[name] = value;
  }
  if (inputs.anthropic_api_key) out.ANTHROPIC_API_KEY = inputs.anthropic_api_key;
  else if (inputs.claude_code_oauth_token) out.CLAUDE_CODE_OAUTH_TOKEN = inputs.claude_code_oauth_token;
  return out;
}
