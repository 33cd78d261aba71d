// The runner's note to the agent in its workspace (CLAUDE.md or AGENTS.md): how to tell Drover it needs a
// human or is done. Never committed: an untracked file is excluded, a tracked one marked skip-worktree.
import { appendFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { excludeFromGit, hideLocalChanges, isTracked } from "../workspaces/exclude-from-git.js";

const marker = "<!-- drover runner note -->";

export function agentNote(sessionId: string, issueTitle: string, issueUrl: string): string {
  return [
    marker,
    "## Working under Drover",
    "",
    `This workspace belongs to Drover session \`${sessionId}\`: ${issueTitle} (${issueUrl}).`,
    "Tell Drover how the work is going with the `drover report` command (it is on your PATH here):",
    "",
    '- `drover report needs-input "<your question>"` when you need a decision from a human; then wait for the answer.',
    '- `drover report done "<one-line summary>"` when the work is committed, pushed and the pull request is open.',
    '- `drover report working "<what you are doing>"` when you pick the work up again after waiting.',
    "",
    "This note comes from the Drover runner, not from the repository; do not commit it.",
    "",
  ].join("\n");
}

export async function writeAgentNote(workspace: string, file: string, note: string): Promise<void> {
  const path = join(workspace, file);
  const tracked = await isTracked(workspace, file);
  if (!existsSync(path)) writeFileSync(path, note);
  else if (!readFileSync(path, "utf8").includes(marker)) appendFileSync(path, `\n${note}`);
  if (tracked) await hideLocalChanges(workspace, file);
  else await excludeFromGit(workspace, [file]);
}

export { marker as agentNoteMarker };
