// `/drover help` (and any command Drover does not know): the commands and the labels that act as commands.
import type { RepoConfig } from "../../config/repo-config.js";
import type { Command } from "./command.js";

export function helpText(
  commands: readonly Command[],
  labels: RepoConfig["labels"],
  unknown?: string,
): string {
  return [
    ...(unknown !== undefined
      ? [`Drover does not know \`/drover ${unknown}\`. It understands these commands:`, ""]
      : ["Drover understands these commands in issue and pull request comments:", ""]),
    ...commands.map((c) => `- \`${c.usage}\`: ${c.summary}`),
    "",
    "And these labels:",
    `- \`${labels.spawn}\` on an issue starts an agent on it`,
    `- \`${labels.review}\` on a pull request queues a convoy code review`,
    `- \`${labels.automerge}\` on a pull request merges it once approved, green and conflict-free`,
    "",
    "Commands that act need write access to the repository.",
  ].join("\n");
}

/** The help command for `list` (given late: the list includes the help command itself). */
export function helpCommand(list: () => readonly Command[]): Command {
  return {
    name: "help",
    usage: "/drover help",
    summary: "this list",
    run: async (ctx) => helpText(list(), ctx.loaded.config.labels),
  };
}
