// Records what an event says about the world in the session's facts; reactions decide later what to do about it.
import type { Draft } from "./context.js";
import type { CommentFact, SessionEvent } from "./events.js";
import { recoveryPrompt } from "./prompts.js";
import type { PullRequestFacts, Session, TimerKey } from "./session.js";
import { isEnded, remember } from "./session.js";

/** Comments an event brought that the agent has not been given yet. */
export interface Incoming {
  comments: CommentFact[];
  reviewBodies: { reviewer: string; body: string }[];
  /** A change request (reviewer@sha) not handed to the agent yet. */
  newChangeRequest?: string;
}

export function applyEvent(draft: Draft, event: SessionEvent): Incoming {
  const incoming: Incoming = { comments: [], reviewBodies: [] };
  const { session: s, ctx } = draft;
  const agent = s.agentFacts;
  switch (event.type) {
    case "spawn.leased":
      // A second lease while spawning means the first runner's lease expired: the job moved to this runner.
      if (agent.phase === "queued" || agent.phase === "spawning") {
        agent.phase = "spawning";
        s.runnerId = event.runnerId;
      }
      break;
    case "agent.spawned":
      if (agent.phase === "exited") break; // a late report of an earlier spawn
      if (agent.phase === "running") {
        // The agent spoke first (a report can overtake the runner's own "spawned"): keep what it said.
        if (event.agentSessionId) agent.agentSessionId = event.agentSessionId;
        s.runnerId = event.runnerId;
        break;
      }
      Object.assign(agent, {
        phase: "running",
        busy: true,
        stuck: false,
        lastActivityAt: ctx.now,
        exitCode: undefined,
      });
      s.runnerId = event.runnerId;
      if (event.agentSessionId) agent.agentSessionId = event.agentSessionId;
      break;
    case "agent.activity":
      if (agent.phase === "queued" || agent.phase === "exited") break; // from a process that is gone
      Object.assign(agent, { phase: "running", busy: true, stuck: false, lastActivityAt: ctx.now });
      if (agent.needsInput) agent.needsInput = undefined;
      if (event.agentSessionId) agent.agentSessionId = event.agentSessionId;
      break;
    case "agent.idle":
      if (agent.phase !== "running") break;
      Object.assign(agent, { busy: false, stuck: false, lastActivityAt: ctx.now });
      break;
    case "agent.needs_input":
      if (agent.phase === "queued" || agent.phase === "exited") break;
      agent.phase = "running";
      agent.needsInput = { message: event.message, source: "observed", at: ctx.now };
      Object.assign(agent, { busy: false, stuck: false, lastActivityAt: ctx.now });
      break;
    case "agent.exited":
      if (agent.phase === "queued") break;
      Object.assign(agent, { phase: "exited", exitCode: event.code, busy: false, stuck: false });
      agent.needsInput = undefined;
      if (!isEnded(s.state) && (event.code !== 0 || !s.pr)) {
        s.reason =
          event.code === null
            ? "the agent's process disappeared"
            : `the agent exited with code ${event.code}`;
      }
      break;
    case "agent.spawn_failed":
      if (agent.phase !== "queued" && agent.phase !== "spawning") break; // an agent runs: a stale report
      Object.assign(agent, { phase: "exited", exitCode: null, busy: false, stuck: false });
      s.reason = `runner ${event.runnerId} could not start the agent: ${event.error}`;
      break;
    case "agent.self_report":
      if (agent.phase === "queued" || agent.phase === "exited") break; // from a process that is gone
      agent.phase = "running"; // a report proves the agent runs, even before the runner says it started it
      agent.lastActivityAt = ctx.now;
      agent.stuck = false;
      if (event.status === "working") agent.busy = true;
      if (event.status === "done") agent.busy = false;
      if (event.status === "needs-input") {
        agent.busy = false;
        agent.needsInput = {
          message: event.message ?? "The agent asked for input.",
          source: "self-report",
          at: ctx.now,
        };
      }
      break;
    case "agent.cost":
      // Reports are cumulative; a late, smaller one never takes cost back.
      if (event.usd >= s.cost.usd) s.cost = { usd: event.usd, tokens: Math.max(event.tokens, s.cost.tokens) };
      break;
    case "cleanup.done":
      if (s.state === "merged") s.state = "done";
      break;
    case "pr.opened":
      // A redelivery of the PR we follow changes nothing; a second PR while one is open is not ours to follow.
      if (s.pr?.number === event.number || s.pr?.status === "open") break;
      s.pr = newPullRequest(event.number, event.url, event.headSha, event.baseRef);
      if (event.at !== undefined) s.pr.headAt = event.at;
      break;
    case "pr.synchronized":
      if (s.pr) pushHead(draft, s.pr, event.headSha, event.at);
      break;
    case "pr.closed":
      if (s.pr?.status === "open") s.pr.status = event.merged ? "merged" : "closed";
      break;
    case "pr.reopened":
      if (s.pr?.status === "closed") s.pr.status = "open";
      break;
    case "pr.mergeable":
      if (s.pr && event.sha === s.pr.headSha) s.pr.mergeable = event.mergeable;
      break;
    case "ci.result":
      if (s.pr && !s.pr.supersededShas.includes(event.sha)) applyCheckResults(draft, s.pr, event);
      break;
    case "review.submitted":
      if (s.pr) applyReview(s, s.pr, event, incoming);
      break;
    case "comments.added":
      if (!s.pr) break;
      incoming.comments.push(...event.comments.filter((c) => !s.memory.sentCommentIds.includes(c.id)));
      break;
    case "human.kill":
      stop(draft, `killed by @${event.by}`);
      break;
    case "human.wipe":
      if (s.runnerId)
        draft.effects.push({
          type: "enqueue_job",
          job: { kind: "wipe", sessionId: s.id, workspace: event.workspace },
        });
      if (!isEnded(s.state)) stop(draft, `wiped by @${event.by}`, false);
      break;
    case "human.send":
      if (agent.phase === "exited") respawn(draft, event.message);
      else if (agent.phase === "running") {
        draft.effects.push({
          type: "send_to_agent",
          message: event.message,
          reason: `message from @${event.by}`,
        });
        Object.assign(agent, { busy: true, stuck: false, lastActivityAt: ctx.now });
        agent.needsInput = undefined;
      } else {
        draft.effects.push({
          type: "comment",
          target: "issue",
          body: "The agent has not started yet; send the message once it runs.",
        });
      }
      break;
    case "human.merge":
      if (s.pr?.status === "open") draft.effects.push({ type: "merge" });
      break;
    case "human.retry":
      s.memory.ciFixesSent = 0;
      if (s.pr) s.memory.ciHandledShas = s.memory.ciHandledShas.filter((sha) => sha !== s.pr?.headSha);
      if (agent.phase === "exited") respawn(draft);
      break;
    case "human.respawn":
      if (agent.phase === "exited" || agent.stuck) respawn(draft);
      break;
    case "human.automerge":
      s.autoMerge = event.enabled;
      if (event.enabled) s.memory.readyHandledSha = undefined;
      break;
    case "timer.due":
      break; // handled by the timer reactions, which need the derived state
  }
  return incoming;
}

function newPullRequest(number: number, url: string, headSha: string, baseRef: string): PullRequestFacts {
  return {
    number,
    url,
    headSha,
    baseRef,
    status: "open",
    mergeable: null,
    checks: [],
    supersededShas: [],
    reviews: {},
  };
}

/** A new head: what was known about the old one no longer applies, and pending escalations were answered. */
function pushHead(draft: Draft, pr: PullRequestFacts, headSha: string, at?: number): void {
  if (headSha === pr.headSha || pr.supersededShas.includes(headSha)) return;
  // A push GitHub reported before the head we know is an older one delivered late.
  if (at !== undefined && pr.headAt !== undefined && at < pr.headAt) return;
  pr.supersededShas = remember(pr.supersededShas, pr.headSha, 50);
  pr.headSha = headSha;
  if (at !== undefined) pr.headAt = at;
  pr.mergeable = null;
  pr.checks = pr.checks.filter((check) => !pr.supersededShas.includes(check.sha));
  for (const key of ["escalate:bot-comments", "escalate:merge-conflicts"] as const) clearDeadline(draft, key);
}

/**
 * Records each check's result for the SHA unless a newer result for the same check is known (deliveries
 * arrive out of order). Failures whose output is still to be fetched ask for it once.
 */
function applyCheckResults(
  draft: Draft,
  pr: PullRequestFacts,
  event: Extract<SessionEvent, { type: "ci.result" }>,
): void {
  const collect: string[] = [];
  for (const result of event.checks) {
    const known = pr.checks.find((c) => c.sha === event.sha && c.name === result.name);
    if (known?.at !== undefined && result.at !== undefined && result.at < known.at) continue;
    // The same result again while its output is being fetched, or after it was: keep what is known.
    if (known && known.at === result.at && known.status === result.status && result.outputPending) continue;
    pr.checks = [
      ...pr.checks.filter((c) => !(c.sha === event.sha && c.name === result.name)),
      { ...result, sha: event.sha },
    ];
    if (result.status === "failure" && result.outputPending) collect.push(result.name);
  }
  if (collect.length > 0) draft.effects.push({ type: "collect_ci_output", sha: event.sha, checks: collect });
}

function applyReview(
  s: Session,
  pr: PullRequestFacts,
  event: Extract<SessionEvent, { type: "review.submitted" }>,
  incoming: Incoming,
): void {
  const previous = pr.reviews[event.reviewer];
  if (previous && previous.at > event.submittedAt) return; // a stale review delivered late
  if (event.verdict === "dismissed") delete pr.reviews[event.reviewer];
  // GitHub's review decision ignores plain comments once a reviewer has approved or requested changes.
  else if (event.verdict !== "commented" || !previous || previous.verdict === "commented") {
    pr.reviews[event.reviewer] = { verdict: event.verdict, sha: event.sha, at: event.submittedAt };
  }
  incoming.comments.push(...event.comments.filter((c) => !s.memory.sentCommentIds.includes(c.id)));
  const key = `${event.reviewer}@${event.sha}@${event.submittedAt}`;
  if (event.verdict === "changes_requested" && !s.memory.sentReviews.includes(key)) {
    incoming.newChangeRequest = key;
    if (event.body?.trim()) incoming.reviewBodies.push({ reviewer: event.reviewer, body: event.body });
  }
}

export function clearDeadline(draft: Draft, key: TimerKey): void {
  if (draft.session.memory.deadlines[key] === undefined) return;
  delete draft.session.memory.deadlines[key];
  draft.effects.push({ type: "cancel_timer", key });
}

export function setDeadline(draft: Draft, key: TimerKey, at: number): void {
  if (draft.session.memory.deadlines[key] === at) return;
  draft.session.memory.deadlines[key] = at;
  draft.effects.push({ type: "schedule_timer", key, at });
}

/** Ends the session: the agent is stopped and nothing more will happen on its own. */
export function stop(draft: Draft, reason: string, killAgent = true): void {
  const s = draft.session;
  if (killAgent && s.runnerId && (s.agentFacts.phase === "running" || s.agentFacts.phase === "spawning")) {
    draft.effects.push({ type: "enqueue_job", job: { kind: "kill", sessionId: s.id } });
  }
  s.state = "killed";
  s.reason = reason;
}

/** Starts a new agent process in the existing workspace, telling it what it was doing. */
function respawn(draft: Draft, message?: string): void {
  const s = draft.session;
  if (s.agentFacts.phase === "running" && s.runnerId)
    draft.effects.push({ type: "enqueue_job", job: { kind: "kill", sessionId: s.id } });
  const prompt = [recoveryPrompt(s), ...(message ? ["", message] : [])].join("\n");
  draft.effects.push({
    type: "enqueue_job",
    job: {
      kind: "spawn",
      sessionId: s.id,
      repo: s.repo,
      issue: s.issue,
      branch: s.branch,
      agent: s.agent,
      model: s.model,
      prompt,
      recovery: true,
    },
  });
  Object.assign(s.agentFacts, {
    phase: "queued",
    busy: false,
    stuck: false,
    exitCode: undefined,
    needsInput: undefined,
  });
  s.reason = undefined;
}
