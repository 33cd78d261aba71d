// What the core asks the outside world to do. Plain data: the effect executor turns each into I/O.
import type { Priority } from "../config/repo-config.js";
import type { IssueRef, TimerKey } from "./session.js";

export type RunnerJob =
  | {
      kind: "spawn";
      sessionId: string;
      repo: string;
      issue: IssueRef;
      branch: string;
      agent: string;
      model?: string;
      prompt: string;
      /** A respawn after a crash: the workspace exists and the prompt says what the agent was doing. */
      recovery: boolean;
    }
  | { kind: "send"; sessionId: string; message: string }
  | { kind: "kill"; sessionId: string }
  | { kind: "wipe"; sessionId: string; workspace: boolean }
  | { kind: "cleanup"; sessionId: string }
  | { kind: "review"; sessionId?: string; repo: string; pr: number; template: string };

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
  | { type: "schedule_timer"; key: TimerKey; at: number }
  | { type: "cancel_timer"; key: TimerKey }
  | { type: "clean_up" }
  | { type: "check_batch" };

export type EffectType = Effect["type"];
