// The lifecycle as one pure function: (session, event, {now, config}) → {session, effects}.
import { applyEvent } from "./apply-event.js";
import { isSettled } from "./batch.js";
import { checkBudgets } from "./budgets.js";
import type { Draft, TransitionContext, TransitionResult } from "./context.js";
import { deriveState } from "./derive-state.js";
import type { SessionEvent, SessionEventType } from "./events.js";
import { labelChange } from "./labels.js";
import { react } from "./react.js";
import type { Session, SessionState } from "./session.js";
import { isEnded, remember, timerKeys } from "./session.js";
import { handleTimer, keepAgentTimers } from "./timers.js";

/** What an ended session still listens to: late cost, the cleanup report, a wipe, the agent's exit. */
const heardAfterEnd: ReadonlySet<SessionEventType> = new Set([
  "agent.cost",
  "cleanup.done",
  "human.wipe",
  "agent.exited",
]);

export function transition(session: Session, event: SessionEvent, ctx: TransitionContext): TransitionResult {
  if (session.seenEvents.includes(event.id)) return { session, effects: [] };
  if (isEnded(session.state) && !heardAfterEnd.has(event.type)) return { session, effects: [] };

  const draft: Draft = { before: session, session: structuredClone(session), effects: [], ctx };
  const s = draft.session;
  const previous = session.state;
  const incoming = applyEvent(draft, event);
  if (event.type === "agent.cost") {
    checkBudgets(draft, event);
    // The status comment shows the cost; refresh it each whole dollar (the badge's colours change on whole
    // dollars too) rather than on every 30-second report.
    if (Math.floor(s.cost.usd) > Math.floor(session.cost.usd)) draft.effects.push({ type: "update_status" });
  }

  s.state = deriveState(s);
  if (event.type === "timer.due" && !isEnded(s.state)) {
    handleTimer(draft, event.key);
    s.state = deriveState(s);
  }
  if (!isEnded(s.state)) {
    react(draft, incoming, previous, s.state);
    // A reaction can change the facts (a prompt makes the agent busy again); settle once more.
    const settled = deriveState(s);
    if (settled !== s.state) {
      const before = s.state;
      s.state = settled;
      react(draft, { comments: [], reviewBodies: [] }, before, settled);
    }
    keepAgentTimers(draft);
  }
  if (s.state !== previous) enterState(draft, previous, s.state);
  s.seenEvents = remember(s.seenEvents, event.id);
  s.updatedAt = ctx.now;
  return { session: s, effects: draft.effects };
}

function enterState(draft: Draft, previous: SessionState, state: SessionState): void {
  const s = draft.session;
  const { effects, ctx } = draft;
  if (isEnded(state) && !isEnded(previous)) {
    s.endedAt = ctx.now;
    for (const key of timerKeys) {
      if (s.memory.deadlines[key] !== undefined) effects.push({ type: "cancel_timer", key });
    }
    s.memory.deadlines = {};
  }
  if (state === "merged") effects.push({ type: "clean_up" });
  if (state === "closed" && s.runnerId && s.agentFacts.phase === "running") {
    effects.push({ type: "enqueue_job", job: { kind: "kill", sessionId: s.id } });
  }
  const labels = labelChange(state, ctx.config.labels);
  effects.push({ type: "set_labels", add: labels.add, remove: labels.remove });
  effects.push({ type: "update_status" });
  // With a batch: is the batch done? Without: are all of the repo's open sessions done? (see check_batch)
  if (isSettled(state) && !isSettled(previous)) effects.push({ type: "check_batch" });
}
