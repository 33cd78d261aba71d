// Time-based reactions: the session keeps each deadline, the store's timer only wakes the session up.
import { clearDeadline, setDeadline } from "./apply-event.js";
import type { Draft } from "./context.js";
import { notify } from "./react.js";
import type { TimerKey } from "./session.js";

/** Keeps the stuck and idle timers in line with what the agent is doing now. */
export function keepAgentTimers(draft: Draft): void {
  const { session: s, ctx } = draft;
  const agent = s.agentFacts;
  const { reactions } = ctx.config;
  const running = agent.phase === "running";
  if (running && agent.busy && !agent.stuck && reactions["agent-stuck"].enabled) {
    if (s.memory.deadlines.stuck === undefined)
      setDeadline(draft, "stuck", agent.lastActivityAt + reactions["agent-stuck"].after);
  } else clearDeadline(draft, "stuck");
  if (running && !agent.busy && !agent.needsInput && !s.pr && reactions["agent-idle-no-pr"].enabled) {
    if (s.memory.deadlines["idle-no-pr"] === undefined)
      setDeadline(draft, "idle-no-pr", agent.lastActivityAt + reactions["agent-idle-no-pr"].after);
  } else clearDeadline(draft, "idle-no-pr");
}

/** A timer fired: act if its deadline really passed and the condition still holds. */
export function handleTimer(draft: Draft, key: TimerKey): void {
  const { session: s, ctx } = draft;
  const deadline = s.memory.deadlines[key];
  if (deadline === undefined) return; // cancelled since; the store may still have delivered it
  if (ctx.now < deadline) {
    draft.effects.push({ type: "schedule_timer", key, at: deadline }); // woken early: sleep again
    return;
  }
  delete s.memory.deadlines[key];
  const { reactions } = ctx.config;
  const agent = s.agentFacts;
  const pr = s.pr;
  switch (key) {
    case "stuck": {
      if (agent.phase !== "running" || !agent.busy) return;
      const quietUntil = agent.lastActivityAt + reactions["agent-stuck"].after;
      if (ctx.now >= quietUntil) agent.stuck = true;
      else setDeadline(draft, "stuck", quietUntil);
      return;
    }
    case "idle-no-pr": {
      if (agent.phase !== "running" || agent.busy || pr) return;
      const idleUntil = agent.lastActivityAt + reactions["agent-idle-no-pr"].after;
      if (ctx.now < idleUntil) {
        setDeadline(draft, "idle-no-pr", idleUntil);
        return;
      }
      notify(
        draft,
        reactions["agent-idle-no-pr"].priority,
        "idle-no-pr",
        `Agent idle without a PR: ${s.issue.title}`,
        "The agent stopped working and has not opened a pull request.",
        ["send", "kill", "open"],
      );
      return;
    }
    case "escalate:changes-requested":
      if (s.state === "changes_requested") {
        const r = reactions["changes-requested"];
        notify(
          draft,
          r.priority,
          "changes-requested-escalated",
          `Review comments not addressed on PR #${pr?.number}`,
          "The agent was asked to address the review but has not pushed since.",
          ["send", "kill", "open"],
        );
      }
      return;
    case "escalate:bot-comments": {
      const r = reactions["bot-comments"];
      notify(
        draft,
        r.priority,
        "bot-comments-escalated",
        `Bot comments not addressed on PR #${pr?.number}`,
        "The agent was asked to fix what the bots reported but has not pushed since.",
        ["send", "kill", "open"],
      );
      return;
    }
    case "escalate:merge-conflicts":
      if (pr?.status === "open" && pr.mergeable === false) {
        const r = reactions["merge-conflicts"];
        notify(
          draft,
          r.priority,
          "merge-conflicts-escalated",
          `PR #${pr.number} still has merge conflicts`,
          "The agent was asked to rebase but the conflicts remain.",
          ["send", "kill", "open"],
        );
      }
      return;
  }
}
