// The {{variables}} a prompt may use, checked when a template loads (a typo fails early, naming the file) and
// filled in when the agent starts.

export const promptVariables = {
  files: "the files to review, one per line",
  prUrl: "the pull request's URL, or a note that there is none",
  issue: "the issue the convoy is about, or a note that there is none",
  repo: "the repository's folder (the agent's working directory)",
  role: "this agent's role in the convoy",
  outputFile: "where this agent's output is kept",
  findings: "the deduplicated findings of the agents this one depends on, as JSON (ids F1, F2…)",
  inputs: "the text outputs of the agents this one depends on",
  missing: "the agents this one depends on that failed, timed out or were stopped, and why",
} as const;
export type PromptVariable = keyof typeof promptVariables;
export type PromptValues = Record<PromptVariable, string>;

const variablePattern = /\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g;

/** Names used in `prompt` that are not variables; empty when the prompt is fine. */
export function unknownVariables(prompt: string): string[] {
  const unknown = new Set<string>();
  for (const match of prompt.matchAll(variablePattern)) {
    if (!(match[1]! in promptVariables)) unknown.add(match[1]!);
  }
  return [...unknown];
}

export function renderPrompt(prompt: string, values: PromptValues): string {
  return prompt.replace(variablePattern, (whole, name: string) =>
    name in values ? values[name as PromptVariable] : whole,
  );
}
