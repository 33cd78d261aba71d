// A new session: it waits in the queue until a runner that has the repo takes its spawn job.
import type { TransitionContext, TransitionResult } from "./context.js";
import { spawnPrompt } from "./prompts.js";
import type { NewSession, Session } from "./session.js";
import { emptyMemory } from "./session.js";

export function startSession(input: NewSession, ctx: TransitionContext): TransitionResult {
  const model = input.model ?? ctx.config.agent.model;
  const session: Session = {
    id: input.id,
    repo: input.repo,
    issue: input.issue,
    state: "queued",
    agent: input.agent,
    ...(model ? { model } : {}),
    runtime: ctx.config.runtime,
    branch: input.branch,
    ...(input.batchId ? { batchId: input.batchId } : {}),
    autoMerge: input.autoMerge ?? ctx.config.autoMerge,
    createdAt: ctx.now,
    updatedAt: ctx.now,
    agentFacts: { phase: "queued", busy: false, stuck: false, lastActivityAt: ctx.now },
    memory: emptyMemory(),
    cost: { usd: 0, tokens: 0 },
    seenEvents: [],
  };
  const prompt = spawnPrompt(input.issue, input.branch, ctx.config.agent.instructions);
  const effects: TransitionResult["effects"] = [
    {
      type: "enqueue_job",
      job: {
        kind: "spawn",
        sessionId: session.id,
        repo: session.repo,
        issue: session.issue,
        branch: session.branch,
        agent: session.agent,
        ...(model ? { model } : {}),
        prompt,
        recovery: false,
      },
    },
    { type: "update_status" },
  ];
  if (!input.runnerAvailable) {
    effects.push({
      type: "comment",
      target: "issue",
      body:
        `Drover queued this issue, but no runner has \`${input.repo}\` yet. It starts as soon as one does: ` +
        `\`drover runner register --server <url> --token <token> --repo ${input.repo}=<path>\` on a machine with the repo.`,
    });
  }
  return { session, effects };
}

/** The agent's branch for an issue: `drover/<issue>-<slug of its title>`. */
/** Drover's sessions work on branches under this prefix (branchFor). */
const sessionBranchPrefix = "drover/";

/** Whether a branch can be a session's: others need no store lookup (a webhook for every branch of a repo). */
export function isSessionBranch(branch: string): boolean {
  return branch.startsWith(sessionBranchPrefix);
}

export function branchFor(issueKey: string, title: string): string {
  const slug = title
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/g, "");
  return `${sessionBranchPrefix}${issueKey.toLowerCase()}${slug ? `-${slug}` : ""}`;
}
