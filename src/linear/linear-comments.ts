// What Drover writes on a Linear issue (Markdown): the PR link when the agent opens one, and how the session
// ended with what it cost.
import type { Session } from "../core/session.js";

export function prOpenedComment(session: Session): string {
  const pr = session.pr;
  if (!pr) throw new Error(`Session ${session.id} has no pull request to announce.`);
  return (
    `Drover's agent opened a pull request for this issue: [${session.repo}#${pr.number}](${pr.url}) ` +
    `(branch \`${session.branch}\`). The issue moves on when the pull request is merged.`
  );
}

export function sessionEndedComment(session: Session): string {
  const pr = session.pr ? `[${session.repo}#${session.pr.number}](${session.pr.url})` : undefined;
  const outcome =
    session.state === "merged" || session.state === "done"
      ? `Pull request ${pr ?? ""} merged: Drover's session for this issue is finished.`
      : session.state === "closed"
        ? `Pull request ${pr ?? ""} was closed without merging: Drover's session for this issue has ended.`
        : `Drover's session for this issue was stopped${session.reason ? ` (${session.reason})` : ""}.`;
  return `${outcome.replace(/ {2,}/g, " ")}\n\n${costLine(session)}`;
}

export function costLine(session: Session): string {
  const { usd, tokens } = session.cost;
  const model = session.model ? `, ${session.model}` : "";
  return `Agent cost: **$${usd.toFixed(2)}** (${tokens.toLocaleString("en-US")} tokens, ${session.agent}${model}).`;
}
