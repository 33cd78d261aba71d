// The answer format appended to every findings and synthesis prompt by the engine, so a custom template cannot
// forget it and every agent is held to the same contract the parsers check.
import type { OutputKind } from "./agent-template.js";

const findings = `## How to answer

End your answer with exactly one fenced \`\`\`json block holding your findings, with nothing after it:

\`\`\`json
{"findings": [{"severity": "high", "file": "src/example.ts", "line": 42, "title": "One line naming the problem", "detail": "What is wrong and why it matters.", "suggestion": "How to fix it."}]}
\`\`\`

- severity: blocker, critical, high, medium or low.
- file: the path from the repository root. line: a line number, or a range such as "40-48"; leave it out when the
  finding is about the whole file.
- title: one line. detail: what is wrong and why it matters. suggestion: how to fix it (optional).
- Report only real problems in your area; with none, answer {"findings": []}.`;

const synthesis = `## How to answer

End your answer with exactly one fenced \`\`\`json block, with nothing after it:

\`\`\`json
{"summary": "Two to five sentences for the pull request's author.", "priorities": [{"id": "F2", "why": "One sentence on why this comes first."}]}
\`\`\`

- summary: the executive summary, in Markdown.
- priorities: at most five findings to fix first, most urgent first, by their id from the findings above.
- Do not count or list the findings: the report adds the counts and the full list itself.`;

export function outputInstructions(kind: OutputKind): string | undefined {
  if (kind === "findings") return findings;
  if (kind === "synthesis") return synthesis;
  return undefined;
}
