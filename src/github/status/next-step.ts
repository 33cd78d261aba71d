// "What happens next" for a session in each state: who acts now, and which command moves it on.
import type { RepoConfig } from "../../config/repo-config.js";
import { failingChecks, headChecks } from "../../core/ci-status.js";
import type { Session } from "../../core/session.js";

const code = (text: string) => `\`${text}\``;

export function nextStep(session: Session, config: RepoConfig): string {
  const pr = session.pr;
  switch (session.state) {
    case "queued":
      return `Waiting for a runner that has ${code(session.repo)} to take the spawn job.`;
    case "spawning":
      return `Runner ${code(session.runnerId ?? "?")} is preparing the workspace and starting the agent.`;
    case "working":
      return "The agent is working on the issue and opens a pull request when it is done.";
    case "needs_input":
      return `The agent asks: “${session.agentFacts.needsInput?.message ?? "…"}” Answer with ${code("/drover send <answer>")}.`;
    case "stuck":
      return `The agent has shown no activity for a while. Nudge it with ${code("/drover send <message>")} or stop it with ${code("/drover kill")}.`;
    case "errored":
      return `The agent stopped${session.reason ? ` (${session.reason})` : ""}. ${code("/drover send <message>")} starts it again with your message.`;
    case "pr_open":
      return `Waiting for CI on ${code(pr?.headSha.slice(0, 7) ?? "?")}.`;
    case "ci_failed": {
      const failing = pr ? failingChecks(pr) : [];
      const names = failing.map((c) => code(c.name)).join(", ") || "the failing checks";
      const retries = config.reactions["ci-failed"].retries;
      if (pr && headChecks(pr).some((c) => c.outputPending))
        return `Collecting the failing output of ${names} for the agent.`;
      if (session.memory.ciFixesSent > 0 && pr && session.memory.ciHandledShas.includes(pr.headSha))
        return `The agent was asked to fix ${names} (attempt ${session.memory.ciFixesSent} of ${retries}).`;
      return `${names} failed; a human should look (${code("/drover send <message>")} tells the agent what to do).`;
    }
    case "review_pending":
      return "CI is green; waiting for a review.";
    case "changes_requested":
      return "The agent is addressing the review comments.";
    case "approved":
      if (pr?.mergeable === false)
        return "Approved, but the PR has merge conflicts; the agent was asked to rebase.";
      return "Approved; waiting for CI to pass and GitHub to confirm the PR merges cleanly.";
    case "mergeable":
      return session.autoMerge || config.autoMerge
        ? "Approved, green and conflict-free: Drover merges it."
        : `Ready to merge: approved, CI green, no conflicts. Merge it, or comment ${code("/drover merge")}.`;
    case "merged":
      return "Merged. The runner is cleaning up the workspace.";
    case "done":
      return "Merged and cleaned up. Nothing left to do.";
    case "closed":
      return "The pull request was closed without merging; the session has ended.";
    case "killed":
      return `Stopped${session.reason ? `: ${session.reason}` : ""}.`;
  }
}
