// `/drover status`: the sessions that need attention, in the repos the caller can read on GitHub, as a reply
// only the caller sees. Acked at once with nothing; the list follows on the response_url.

import { dashboardUrl } from "../notify/session-links.js";
import type { AppContext } from "../server/app-context.js";
import { authorizeSlackUser, notMapped } from "./authorize-slack-user.js";
import { escapeMrkdwn, link, truncate } from "./mrkdwn.js";
import { type Block, issueLabel } from "./notification-message.js";
import { sessionsNeedingAttention } from "./sessions-needing-attention.js";
import type { SlackUsers } from "./slack-users.js";

export const statusUsage =
  "Usage: `/drover status` lists the sessions that need attention (asking for input, stuck, stopped, CI failing, ready to merge, waiting for review).";

export interface StatusReply {
  text: string;
  blocks?: Block[];
}

export async function statusReply(
  app: AppContext,
  users: SlackUsers,
  slackUserId: string,
): Promise<StatusReply> {
  if (!users.has(slackUserId)) return { text: notMapped(slackUserId) };
  const all = await sessionsNeedingAttention(app.store);
  // One permission question per repo, asked side by side.
  const repos = [...new Set(all.map((a) => a.session.repo))];
  const answers = await Promise.all(
    repos.map((repo) => authorizeSlackUser(app, users, slackUserId, repo, "read")),
  );
  const readable = new Map(
    repos.map((repo, i) => [repo, "refusal" in answers[i]! ? answers[i].refusal : undefined]),
  );
  const visible = all.filter((a) => readable.get(a.session.repo) === undefined);
  if (visible.length === 0) return { text: "No session needs attention right now. :tada:" };
  const publicUrl = app.env.DROVER_PUBLIC_URL;
  const lines = visible.slice(0, 40).map(({ session, reason }) => {
    const title = publicUrl
      ? link(dashboardUrl(publicUrl, session.id), truncate(issueLabel(session), 80))
      : escapeMrkdwn(truncate(issueLabel(session), 80));
    const pr = session.pr ? ` · ${link(session.pr.url, `PR #${session.pr.number}`)}` : "";
    return `• *${title}* (${escapeMrkdwn(session.repo)}) — ${escapeMrkdwn(truncate(reason, 150))}${pr}`;
  });
  const noun = visible.length === 1 ? "session needs" : "sessions need";
  const blocks: Block[] = [
    { type: "header", text: { type: "plain_text", text: `${visible.length} ${noun} attention` } },
  ];
  for (let i = 0; i < lines.length; i += 10)
    blocks.push({ type: "section", text: { type: "mrkdwn", text: lines.slice(i, i + 10).join("\n") } });
  if (visible.length > lines.length)
    blocks.push({
      type: "context",
      elements: [{ type: "mrkdwn", text: `…and ${visible.length - lines.length} more` }],
    });
  return { text: `${visible.length} ${noun} attention`, blocks };
}
