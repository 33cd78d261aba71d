// The words Drover sends to an agent. Each prompt carries everything the agent needs to act without asking.
import type { CommentFact } from "./events.js";
import type { CheckFact, IssueRef, Session } from "./session.js";

const reportHelp =
  'When you need a decision from a human, run `drover report needs-input "<your question>"` and wait. ' +
  "When you have finished and pushed, run `drover report done`.";

export function spawnPrompt(issue: IssueRef, branch: string, instructions?: string): string {
  return [
    `Resolve ${issue.tracker === "github" ? `issue #${issue.key}` : `issue ${issue.key}`}: ${issue.title}`,
    issue.url,
    "",
    issue.body?.trim() || "(the issue has no description)",
    "",
    `Work on the branch \`${branch}\` (already checked out). Commit your work, push the branch and open a pull ` +
      `request whose description says "Closes ${issue.tracker === "github" ? `#${issue.key}` : issue.key}".`,
    reportHelp,
    ...(instructions ? ["", instructions.trim()] : []),
  ].join("\n");
}

export function recoveryPrompt(session: Session): string {
  const where = session.pr
    ? `Your pull request ${session.pr.url} is open (state: ${session.state}).`
    : "No pull request is open yet.";
  return [
    `You were working on ${session.issue.title} (${session.issue.url}) on branch \`${session.branch}\` and your ` +
      `previous process stopped${session.reason ? ` (${session.reason})` : ""}.`,
    where,
    "Look at the current state of the branch (git status, git log) and carry on from where you were.",
    reportHelp,
  ].join("\n");
}

export function ciFixPrompt(failing: CheckFact[], attempt: number, retries: number, custom?: string): string {
  const checks = failing.map((check) => {
    const lines = [`### ${check.name}${check.url ? ` (${check.url})` : ""}`];
    if (check.failsOnDefaultBranch)
      lines.push(
        "Note: this check also fails on the default branch, so the failure may not come from your change.",
      );
    else if (check.failsOnDefaultBranch === false)
      lines.push("This check passes on the default branch, so your change broke it.");
    lines.push(
      check.excerpt
        ? ["```", check.excerpt.trim(), "```"].join("\n")
        : "(no output was available; open the link)",
    );
    return lines.join("\n");
  });
  return [
    custom ??
      `CI failed on your pull request (${failing.length === 1 ? "1 check" : `${failing.length} checks`}). Fix it, commit and push.`,
    `This is automatic fix attempt ${attempt} of ${retries}.`,
    "",
    ...checks,
  ].join("\n");
}

function describeComment(comment: CommentFact): string {
  const where = comment.path ? `${comment.path}${comment.line ? `:${comment.line}` : ""}` : "general";
  return `- [${where}] @${comment.author}: ${comment.body.trim()}`;
}

export function addressCommentsPrompt(
  comments: CommentFact[],
  reviewBodies: { reviewer: string; body: string }[],
  custom?: string,
): string {
  return [
    custom ??
      "A reviewer asked for changes on your pull request. Address each comment, commit and push, then reply briefly to each.",
    "",
    ...reviewBodies.map((r) => `Review by @${r.reviewer}: ${r.body.trim()}`),
    ...comments.map(describeComment),
  ].join("\n");
}

export function botCommentsPrompt(comments: CommentFact[], custom?: string): string {
  return [
    custom ??
      "Automated checks (bots or linters) commented on your pull request. Fix what they report, commit and push.",
    "",
    ...comments.map(describeComment),
  ].join("\n");
}

export function rebasePrompt(baseRef: string, custom?: string): string {
  return (
    custom ??
    `Your pull request has merge conflicts with \`${baseRef}\`. Rebase onto the latest \`origin/${baseRef}\`, resolve the ` +
      "conflicts keeping both sides' intent, run the tests, and force-push with --force-with-lease."
  );
}
