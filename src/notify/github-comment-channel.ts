// The GitHub comment channel: a comment on the session's PR (or its issue while there is no PR) that
// mentions the issue's author and assignees, so GitHub's own notifications reach the people involved.
import type { AppContext } from "../server/app-context.js";
import type { ChannelOutcome, Delivery, NotificationChannel } from "./channel.js";

const priorityMark = { urgent: "🚨", action: "👉", warning: "⚠️", info: "ℹ️" } as const;

/** The issue's author and assignees, once each, without bots (a mention of a bot notifies nobody). */
export function peopleToMention(issue: { author?: string; assignees?: string[] }): string[] {
  const logins = [issue.author, ...(issue.assignees ?? [])].filter(
    (login): login is string => Boolean(login) && !login?.endsWith("[bot]"),
  );
  return [...new Set(logins)];
}

export function commentBody(delivery: Omit<Delivery, "signal">): string {
  const { notification, session, links } = delivery;
  const mentions = peopleToMention(session.issue).map((login) => `@${login}`);
  const lines = [
    `${priorityMark[notification.priority]} **${notification.title}**`,
    "",
    [mentions.join(" "), notification.body].filter(Boolean).join(" "),
  ];
  if (links.dashboard) lines.push("", `[Open the session in the Drover dashboard](${links.dashboard})`);
  lines.push("", `<sub>Drover ${notification.priority} notification · ${notification.kind}</sub>`);
  return lines.join("\n");
}

export function createGitHubCommentChannel(app: AppContext): NotificationChannel {
  return {
    name: "github",
    async send(delivery: Delivery): Promise<ChannelOutcome> {
      // The GitHub App fills this port when it connects; it may come after this channel was created.
      const github = app.ports.github;
      if (!github) return { skipped: "no GitHub App is configured" };
      if (delivery.digest)
        return { skipped: "a digest covers several sessions and is not posted as a comment" };
      const { session } = delivery;
      const target = session.pr ? "pr" : "issue";
      if (target === "issue" && session.issue.tracker !== "github")
        return { skipped: "the issue is not on GitHub and there is no PR yet" };
      await github.comment(session, target, commentBody(delivery));
      return { sent: `comment on the ${target === "pr" ? `PR #${session.pr?.number}` : "issue"}` };
    },
  };
}
