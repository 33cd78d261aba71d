// What a transition may consult besides the session and the event: the time and the repo's configuration.
import type { RepoConfig } from "../config/repo-config.js";
import type { Effect } from "./effects.js";
import type { Session } from "./session.js";

export interface TransitionContext {
  now: number;
  config: RepoConfig;
}

export interface TransitionResult {
  session: Session;
  effects: Effect[];
}

/** The working copy a transition edits and the effects it collects; never visible outside the core. */
export interface Draft {
  readonly before: Session;
  session: Session;
  effects: Effect[];
  readonly ctx: TransitionContext;
}
