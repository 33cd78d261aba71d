// The small shell script each agent runs in: prompt on stdin, stdout and stderr to files, and its exit code
// written last through a rename. Any runtime (a process, a tmux pane) runs the same script, and whoever looks
// later — this process or one started after a restart — learns how the agent ended from the files alone.

import { shellQuote } from "../shared/shell-quote.js";
import type { agentFiles } from "./agent-files.js";
import type { AgentLaunchRequest } from "./agent-launcher.js";

export function agentWrapperScript(
  request: AgentLaunchRequest,
  files: ReturnType<typeof agentFiles>,
  commandLine: string,
): string {
  const exports = {
    DROVER_CONVOY_ID: request.convoyId,
    DROVER_ROLE: request.role,
    DROVER_MODEL: request.model ?? "",
    DROVER_PROMPT_FILE: files.prompt,
    DROVER_OUTPUT_FILE: request.outputFile,
  };
  const q = shellQuote;
  return [
    "#!/bin/sh",
    `# Drover convoy ${request.convoyId}, agent ${request.role}.`,
    `export ${Object.entries(exports)
      .map(([k, v]) => `${k}=${q(v)}`)
      .join(" ")}`,
    `cd ${q(request.cwd)} || { echo 126 > ${q(files.exitCode)}; exit 126; }`,
    // tee shows the agent's stdout in a tmux pane too; the braces keep the agent's own exit code.
    `{ ${commandLine} < ${q(files.prompt)} 2> ${q(files.stderr)}; echo $? > ${q(`${files.exitCode}.tmp`)}; } | tee ${q(files.stdout)}`,
    `mv ${q(`${files.exitCode}.tmp`)} ${q(files.exitCode)}`,
    "",
  ].join("\n");
}
