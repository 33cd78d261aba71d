// A notification message after someone acted on it: the same message, its buttons replaced by a line saying
// who did what (the dashboard button stays), so the channel sees it was handled and by whom.
import type { types } from "@slack/bolt";
import { actionsBlockId, type Block, stateLabel } from "./notification-message.js";

export type ButtonAction = "merge" | "kill" | "send" | "retry" | "respawn";

export const didWhat: Record<ButtonAction, string> = {
  merge: "asked to merge the PR",
  kill: "killed the session",
  send: "sent the agent a message",
  retry: "asked the agent to retry the fix",
  respawn: "respawned the agent",
};

export function actedText(action: ButtonAction, login: string, slackUserId: string, state: string): string {
  return `:white_check_mark: <@${slackUserId}> (GitHub @${login}) ${didWhat[action]} · session now ${stateLabel(state)}`;
}

export function actedBlocks(
  original: readonly Block[],
  action: ButtonAction,
  who: { login: string; slackUserId: string; at: number },
  state: string,
): Block[] {
  const seconds = Math.floor(who.at / 1000);
  const when = `<!date^${seconds}^{date_short_pretty} at {time}|${new Date(who.at).toISOString()}>`;
  const kept = original.filter((block) => block.block_id !== actionsBlockId);
  const dashboard = original
    .filter(
      (block): block is types.ActionsBlock => block.type === "actions" && block.block_id === actionsBlockId,
    )
    .flatMap((block) => block.elements)
    .filter((element): element is types.Button => element.type === "button" && Boolean(element.url));
  return [
    ...kept,
    {
      type: "context",
      block_id: "drover_acted",
      elements: [
        { type: "mrkdwn", text: `${actedText(action, who.login, who.slackUserId, state)} · ${when}` },
      ],
    },
    ...(dashboard.length > 0
      ? [{ type: "actions" as const, block_id: actionsBlockId, elements: dashboard }]
      : []),
  ];
}
