// The Slack message for a notification: what happened, the session's issue, PR, state and cost, and the
// buttons that fit (each button's value is the session id; its action id says what it does).
import type { types } from "@slack/bolt";
import type { NotifyAction } from "../core/effects.js";
import type { Session } from "../core/session.js";
import type { Delivery } from "../notify/channel.js";
import type { DigestItem } from "../notify/digest-item.js";
import type { SessionLinks } from "../notify/session-links.js";
import { escapeMrkdwn, link, truncate } from "./mrkdwn.js";

export type Block = types.KnownBlock;

/** The block holding the buttons; a press replaces it with who did what. */
export const actionsBlockId = "drover_actions";
export const actionIdPrefix = "drover_";

const priorityMark = {
  urgent: ":rotating_light:",
  action: ":point_right:",
  warning: ":warning:",
  info: ":information_source:",
};

export interface SlackMessage {
  text: string;
  blocks: Block[];
}

export function issueLabel(session: Pick<Session, "issue">): string {
  const { issue } = session;
  const ref = issue.tracker === "github" && issue.number !== undefined ? `#${issue.number}` : issue.key;
  return `${ref} ${issue.title}`;
}

export function stateLabel(state: string): string {
  return state.replaceAll("_", " ");
}

function button(action: NotifyAction, session: Session, links: SessionLinks): types.Button | undefined {
  const base = { type: "button" as const, action_id: `${actionIdPrefix}${action}`, value: session.id };
  const text = (label: string) => ({ type: "plain_text" as const, text: label });
  switch (action) {
    case "merge":
      if (session.pr?.status !== "open") return undefined;
      return {
        ...base,
        text: text("Merge PR"),
        style: "primary",
        confirm: {
          title: text(`Merge PR #${session.pr.number}?`),
          text: { type: "mrkdwn", text: escapeMrkdwn(truncate(session.issue.title, 250)) },
          confirm: text("Merge"),
          deny: text("Cancel"),
        },
      };
    case "kill":
      return {
        ...base,
        text: text("Kill session"),
        style: "danger",
        confirm: {
          title: text("Kill this session?"),
          text: { type: "mrkdwn", text: "The agent is stopped and the session ends. Its PR stays as it is." },
          confirm: text("Kill"),
          deny: text("Cancel"),
          style: "danger",
        },
      };
    case "send":
      return { ...base, text: text("Send message") };
    case "retry":
      return { ...base, text: text("Retry fix") };
    case "respawn":
      return { ...base, text: text("Respawn agent") };
    case "open":
      return links.dashboard ? { ...base, text: text("Open dashboard"), url: links.dashboard } : undefined;
  }
}

export function actionButtons(
  actions: readonly NotifyAction[],
  session: Session,
  links: SessionLinks,
): types.Button[] {
  return [...new Set(actions)].flatMap((action) => button(action, session, links) ?? []);
}

export function sessionFields(session: Session, links: SessionLinks): types.MrkdwnElement[] {
  const field = (name: string, value: string): types.MrkdwnElement => ({
    type: "mrkdwn",
    text: `*${name}*\n${value}`,
  });
  return [
    field("Session", links.dashboard ? link(links.dashboard, session.id) : `\`${session.id}\``),
    field("Issue", link(links.issue, truncate(issueLabel(session), 200))),
    ...(session.pr && links.pr ? [field("Pull request", link(links.pr, `#${session.pr.number}`))] : []),
    field("State", stateLabel(session.state)),
    field("Cost", `$${session.cost.usd.toFixed(2)}`),
    field("Repository", escapeMrkdwn(session.repo)),
  ];
}

function digestBlocks(items: readonly DigestItem[]): Block[] {
  const shown = items.slice(0, 40);
  const lines = shown.map((item) => {
    const refs = [
      link(item.issueUrl, truncate(item.issueTitle, 80)),
      ...(item.prUrl ? [link(item.prUrl, "PR")] : []),
      ...(item.dashboardUrl ? [link(item.dashboardUrl, "session")] : []),
    ];
    return `• *${escapeMrkdwn(truncate(item.title, 150))}* — ${refs.join(" · ")}`;
  });
  const blocks: Block[] = [];
  // A section holds at most 3000 characters: a few lines each.
  for (let i = 0; i < lines.length; i += 8)
    blocks.push({ type: "section", text: { type: "mrkdwn", text: lines.slice(i, i + 8).join("\n") } });
  if (items.length > shown.length)
    blocks.push({
      type: "context",
      elements: [{ type: "mrkdwn", text: `…and ${items.length - shown.length} more` }],
    });
  return blocks;
}

export function notificationMessage(delivery: Omit<Delivery, "signal">): SlackMessage {
  const { notification, session, links } = delivery;
  const header: Block = {
    type: "header",
    text: { type: "plain_text", text: truncate(notification.title, 150) },
  };
  const context: Block = {
    type: "context",
    elements: [
      {
        type: "mrkdwn",
        text: `${priorityMark[notification.priority]} *${notification.priority}* · ${escapeMrkdwn(notification.kind)}`,
      },
    ],
  };
  if (delivery.digest) {
    return { text: notification.title, blocks: [header, ...digestBlocks(delivery.digest), context] };
  }
  const blocks: Block[] = [header];
  if (notification.body.trim())
    blocks.push({
      type: "section",
      text: { type: "mrkdwn", text: escapeMrkdwn(truncate(notification.body, 2900)) },
    });
  blocks.push({ type: "section", fields: sessionFields(session, links) }, context);
  const buttons = actionButtons(notification.actions, session, links);
  if (buttons.length > 0) blocks.push({ type: "actions", block_id: actionsBlockId, elements: buttons });
  return { text: truncate(`${notification.title}: ${notification.body}`, 300), blocks };
}
