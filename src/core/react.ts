// Reactions: after each event, decide what Drover does about the session's facts. Each fires once per
// occurrence (remembered in the session), so redelivered events and restarts never repeat an action.
import type { Incoming } from "./apply-event.js";
import { clearDeadline, setDeadline } from "./apply-event.js";
import { ciStatus, failingChecks, headChecks } from "./ci-status.js";
import type { Draft } from "./context.js";
import type { NotifyAction } from "./effects.js";
import { addressCommentsPrompt, botCommentsPrompt, ciFixPrompt, rebasePrompt } from "./prompts.js";
import type { Priority, SessionState } from "./session.js";
import { remember } from "./session.js";

export function notify(
  draft: Draft,
  priority: Priority,
  kind: string,
  title: string,
  body: string,
  actions: NotifyAction[],
): void {
  draft.effects.push({ type: "notify", priority, kind, title, body, actions });
}

/** Hands text to the agent, and marks it busy: it has work to do now. */
function sendToAgent(draft: Draft, message: string, reason: string): boolean {
  const agent = draft.session.agentFacts;
  // An agent waiting on a human's answer would take any text as that answer: leave it to the human.
  if (agent.phase !== "running" || agent.needsInput) return false;
  draft.effects.push({ type: "send_to_agent", message, reason });
  Object.assign(agent, { busy: true, stuck: false, lastActivityAt: draft.ctx.now });
  return true;
}

function reactToCiFailure(draft: Draft): void {
  const { session: s, ctx } = draft;
  const reaction = ctx.config.reactions["ci-failed"];
  const pr = s.pr;
  if (!pr || !reaction.enabled) return;
  const ci = ciStatus(pr);
  if (ci === "passing") s.memory.ciFixesSent = 0;
  // Wait until every check on the head has finished and its output is in, so one prompt names every failure.
  if (ci !== "failing" || headChecks(pr).some((c) => c.status === "pending" || c.outputPending)) return;
  if (s.memory.ciHandledShas.includes(pr.headSha)) return;
  s.memory.ciHandledShas = remember(s.memory.ciHandledShas, pr.headSha, 50);
  const failing = failingChecks(pr);
  const attempt = s.memory.ciFixesSent + 1;
  if (
    reaction.send &&
    attempt <= reaction.retries &&
    sendToAgent(draft, ciFixPrompt(failing, attempt, reaction.retries, reaction.message), "ci-failed")
  ) {
    s.memory.ciFixesSent = attempt;
    return;
  }
  const names = failing.map((c) => c.name).join(", ");
  const tried = s.memory.ciFixesSent;
  notify(
    draft,
    reaction.priority,
    "ci-failed",
    `CI still failing on PR #${pr.number}`,
    tried > 0
      ? `${names} failed again after ${tried} automatic ${tried === 1 ? "fix" : "fixes"}.`
      : `${names} failed.`,
    ["retry", "kill", "open"],
  );
}

function reactToComments(draft: Draft, incoming: Incoming): void {
  const { session: s, ctx } = draft;
  const human = incoming.comments.filter((c) => !c.isBot);
  const bots = incoming.comments.filter((c) => c.isBot);
  const changes = ctx.config.reactions["changes-requested"];
  if (changes.enabled && (human.length > 0 || incoming.newChangeRequest)) {
    if (incoming.newChangeRequest)
      s.memory.sentReviews = remember(s.memory.sentReviews, incoming.newChangeRequest);
    for (const c of human) s.memory.sentCommentIds = remember(s.memory.sentCommentIds, c.id, 500);
    const prompt = addressCommentsPrompt(human, incoming.reviewBodies, changes.message);
    if (!(changes.send && sendToAgent(draft, prompt, "changes-requested"))) {
      notify(
        draft,
        changes.priority,
        "changes-requested",
        `Changes requested on PR #${s.pr?.number}`,
        prompt,
        ["send", "kill", "open"],
      );
    } else if (s.state === "changes_requested") {
      setDeadline(draft, "escalate:changes-requested", ctx.now + changes.escalateAfter);
    }
  }
  const botReaction = ctx.config.reactions["bot-comments"];
  if (botReaction.enabled && bots.length > 0) {
    for (const c of bots) s.memory.sentCommentIds = remember(s.memory.sentCommentIds, c.id, 500);
    const prompt = botCommentsPrompt(bots, botReaction.message);
    if (botReaction.send && sendToAgent(draft, prompt, "bot-comments")) {
      setDeadline(draft, "escalate:bot-comments", ctx.now + botReaction.escalateAfter);
    } else {
      notify(draft, botReaction.priority, "bot-comments", `Bot comments on PR #${s.pr?.number}`, prompt, [
        "send",
        "kill",
        "open",
      ]);
    }
  }
}

function reactToConflicts(draft: Draft): void {
  const { session: s, ctx } = draft;
  const reaction = ctx.config.reactions["merge-conflicts"];
  const pr = s.pr;
  if (pr?.status !== "open" || !reaction.enabled) return;
  if (pr.mergeable !== false) {
    if (pr.mergeable === true) clearDeadline(draft, "escalate:merge-conflicts");
    return;
  }
  if (s.memory.rebaseSentForSha === pr.headSha) return;
  s.memory.rebaseSentForSha = pr.headSha;
  if (reaction.send && sendToAgent(draft, rebasePrompt(pr.baseRef, reaction.message), "merge-conflicts")) {
    setDeadline(draft, "escalate:merge-conflicts", ctx.now + reaction.escalateAfter);
  } else {
    notify(
      draft,
      reaction.priority,
      "merge-conflicts",
      `PR #${pr.number} has merge conflicts`,
      `It conflicts with ${pr.baseRef}.`,
      ["send", "kill", "open"],
    );
  }
}

function reactToReady(draft: Draft, state: SessionState): void {
  const { session: s, ctx } = draft;
  const pr = s.pr;
  if (state !== "mergeable" || !pr || s.memory.readyHandledSha === pr.headSha) return;
  s.memory.readyHandledSha = pr.headSha;
  if (s.autoMerge || ctx.config.autoMerge) {
    draft.effects.push({ type: "merge" });
    return;
  }
  const reaction = ctx.config.reactions["approved-and-green"];
  if (reaction.enabled) {
    notify(
      draft,
      reaction.priority,
      "ready-to-merge",
      `PR #${pr.number} is ready to merge`,
      `${s.issue.title}: approved, CI green, no conflicts.`,
      ["merge", "open"],
    );
  }
}

/** Reactions that fire when the session enters a state. */
function reactToNewState(draft: Draft, state: SessionState): void {
  const { session: s, ctx } = draft;
  const { reactions } = ctx.config;
  const question = s.agentFacts.needsInput;
  switch (state) {
    case "needs_input":
      if (reactions["agent-needs-input"].enabled && question) {
        notify(
          draft,
          reactions["agent-needs-input"].priority,
          "needs-input",
          `Agent needs input: ${s.issue.title}`,
          question.message,
          ["send", "kill", "open"],
        );
      }
      break;
    case "errored":
      if (reactions["agent-exited"].enabled) {
        notify(
          draft,
          reactions["agent-exited"].priority,
          "agent-exited",
          `Agent stopped: ${s.issue.title}`,
          s.reason ?? "The agent exited.",
          ["respawn", "kill", "open"],
        );
      }
      break;
    case "stuck":
      if (reactions["agent-stuck"].enabled) {
        notify(
          draft,
          reactions["agent-stuck"].priority,
          "stuck",
          `Agent stuck: ${s.issue.title}`,
          "No activity from the agent while it was working.",
          ["send", "respawn", "kill", "open"],
        );
      }
      break;
    default:
      break;
  }
  if (state !== "changes_requested") clearDeadline(draft, "escalate:changes-requested");
}

export function react(draft: Draft, incoming: Incoming, previous: SessionState, state: SessionState): void {
  if (state !== previous) reactToNewState(draft, state);
  reactToCiFailure(draft);
  reactToComments(draft, incoming);
  reactToConflicts(draft);
  reactToReady(draft, state);
}
