// One-line descriptions of events and effects for the session's log and the dashboard timeline.
import type { Effect } from "../core/effects.js";
import type { SessionEvent } from "../core/events.js";

export function describeEvent(event: SessionEvent): string {
  switch (event.type) {
    case "spawn.leased":
      return `runner ${event.runnerId} took the spawn job`;
    case "agent.spawned":
      return `agent started on runner ${event.runnerId}`;
    case "agent.activity":
      return event.detail ? `agent: ${event.detail}` : "agent activity";
    case "agent.idle":
      return "agent finished its turn";
    case "agent.needs_input":
      return `agent asks: ${event.message}`;
    case "agent.exited":
      return `agent exited (${event.code === null ? "no exit code" : `code ${event.code}`})`;
    case "agent.spawn_failed":
      return `runner ${event.runnerId} could not start the agent: ${event.error}`;
    case "agent.self_report":
      return `agent reports ${event.status}${event.message ? `: ${event.message}` : ""}`;
    case "agent.cost":
      return `cost so far $${event.usd.toFixed(2)} (${event.tokens} tokens)`;
    case "cleanup.done":
      return "workspace cleaned up";
    case "pr.opened":
      return `PR #${event.number} opened`;
    case "pr.synchronized":
      return `new commits pushed (${event.headSha.slice(0, 7)})`;
    case "pr.closed":
      return event.merged ? "PR merged" : "PR closed without merging";
    case "pr.reopened":
      return "PR reopened";
    case "pr.mergeable":
      return event.mergeable === false
        ? "merge conflict"
        : event.mergeable
          ? "mergeable"
          : "mergeability unknown";
    case "ci.result":
      return `CI on ${event.sha.slice(0, 7)}: ${event.checks.map((c) => `${c.name} ${c.status}`).join(", ")}`;
    case "review.submitted":
      return `review by @${event.reviewer}: ${event.verdict.replace("_", " ")}`;
    case "comments.added":
      return `${event.comments.length} new comment${event.comments.length === 1 ? "" : "s"}`;
    case "timer.due":
      return `timer ${event.key} fired`;
    case "human.kill":
      return `@${event.by} killed the session`;
    case "human.send":
      return `@${event.by} sent a message`;
    case "human.merge":
      return `@${event.by} asked to merge`;
    case "human.wipe":
      return `@${event.by} wiped the session${event.workspace ? " and its workspace" : ""}`;
    case "human.retry":
      return `@${event.by} asked to retry the fix`;
    case "human.respawn":
      return `@${event.by} respawned the agent`;
    case "human.automerge":
      return `@${event.by} turned auto-merge ${event.enabled ? "on" : "off"}`;
  }
}

export function describeEffect(effect: Effect): string {
  switch (effect.type) {
    case "enqueue_job":
      return `${effect.job.kind} job queued`;
    case "send_to_agent":
      return `message for the agent (${effect.reason})`;
    case "notify":
      return `${effect.priority} notification: ${effect.title}`;
    case "comment":
      return `comment on the ${effect.target}`;
    case "update_status":
      return "status comment updated";
    case "set_labels":
      return `labels: +${effect.add.join(",") || "none"} -${effect.remove.length}`;
    case "merge":
      return "merge";
    case "collect_ci_output":
      return `output of ${effect.checks.join(", ")} fetched for the fix prompt`;
    case "schedule_timer":
      return `timer ${effect.key} at ${new Date(effect.at).toISOString()}`;
    case "cancel_timer":
      return `timer ${effect.key} cancelled`;
    case "clean_up":
      return "cleanup job queued";
    case "check_batch":
      return "batch completion checked";
  }
}
