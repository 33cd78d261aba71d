// The outside world as the effect executor sees it. Each integration (GitHub, Slack, Linear…) fills a port;
// a port that is not configured is reported in the session's log, never silently skipped.
import type { Notification } from "../core/effects.js";
import type { Session } from "../core/session.js";

export interface GitHubEffects {
  comment(session: Session, target: "issue" | "pr", body: string): Promise<void>;
  setLabels(session: Session, add: string[], remove: string[]): Promise<void>;
  merge(session: Session): Promise<void>;
  /** Creates or edits the one sticky status comment on the session's PR. */
  updateStatus(session: Session): Promise<void>;
}

export interface Notifier {
  notify(session: Session, notification: Notification): Promise<void>;
}

export interface EffectPorts {
  github?: GitHubEffects;
  notifier?: Notifier;
  /** Extra hooks run after a session changes (Linear state sync, live dashboard); failures are logged. */
  observers?: ((session: Session) => Promise<void>)[];
}
