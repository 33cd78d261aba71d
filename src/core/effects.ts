// What the core asks the outside world to do. Plain data: the effect executor turns each into I/O.
import type { Priority } from "../config/repo-config.js";
import type { RunnerJob } from "../protocol/jobs.js";
import type { TimerKey } from "./session.js";

export type { RunnerJob } from "../protocol/jobs.js";

/** Buttons a notification may carry; each maps to a human event. */
export type NotifyAction = "merge" | "kill" | "send" | "retry" | "respawn" | "open";

export interface Notification {
  priority: Priority;
  /** Stable name of what happened, for routing, de-duplication and digests ("ci-failed", "needs-input"). */
  kind: string;
  title: string;
  body: string;
  actions: NotifyAction[];
}

export type Effect =
  | { type: "enqueue_job"; job: RunnerJob }
  | { type: "send_to_agent"; message: string; reason: string }
  | ({ type: "notify" } & Notification)
  | { type: "comment"; body: string; target: "issue" | "pr" }
  | { type: "update_status" }
  | { type: "set_labels"; add: string[]; remove: string[] }
  | { type: "merge" }
  /** Fetch the output of failing checks (logs, annotations) and report it back as a ci.result. */
  | { type: "collect_ci_output"; sha: string; checks: string[] }
  | { type: "schedule_timer"; key: TimerKey; at: number }
  | { type: "cancel_timer"; key: TimerKey }
  | { type: "clean_up" }
  | { type: "check_batch" };

export type EffectType = Effect["type"];
