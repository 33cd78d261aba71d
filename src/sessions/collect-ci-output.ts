// Carries out collect_ci_output: fetches the failing checks' output through the GitHub port and records it as
// a follow-up ci.result, which lets the core send the fix prompt. It never leaves a failure waiting forever:
// after a few failed attempts the result is recorded without output.
import type { Effect } from "../core/effects.js";
import type { CheckResult } from "../core/events.js";
import type { CheckFact, PendingEffect, Session } from "../core/session.js";
import type { AppContext } from "../server/app-context.js";
import { drainOutbox } from "./drain-outbox.js";
import type { EffectOutcome } from "./execute-effect.js";
import { recordEvent } from "./record-event.js";

/** Attempts before the fix prompt goes out without the output (the outbox backs off between them). */
export const ciOutputAttempts = 3;

export async function collectCiOutput(
  app: AppContext,
  session: Session,
  pending: PendingEffect,
  effect: Extract<Effect, { type: "collect_ci_output" }>,
): Promise<EffectOutcome> {
  const waiting = (session.pr?.checks ?? []).filter(
    (c) => c.sha === effect.sha && effect.checks.includes(c.name) && c.outputPending,
  );
  if (waiting.length === 0) return { skipped: "the checks were re-run or superseded since" };
  let checks: CheckResult[];
  const github = app.ports.github;
  if (!github?.collectCiOutput) checks = withoutOutput(waiting, "no GitHub App is configured to fetch it");
  else {
    try {
      checks = await github.collectCiOutput(session, effect.sha, waiting);
    } catch (error) {
      if (pending.attempts + 1 < ciOutputAttempts) throw error;
      checks = withoutOutput(waiting, `Drover could not fetch it: ${(error as Error).message}`);
    }
  }
  const recorded = await recordEvent(
    app,
    session.id,
    { type: "ci.result", id: `${pending.id}:output`, sha: effect.sha, checks },
    session.repo,
  );
  // The follow-up's own effects (the fix prompt); this drain has already claimed its effects.
  if (recorded?.pending.length) app.defer(drainOutbox(app, session.id));
  return;
}

function withoutOutput(checks: CheckFact[], why: string): CheckResult[] {
  return checks.map(({ sha: _sha, ...check }) => ({
    ...check,
    outputPending: false,
    excerpt: `(no output: ${why})`,
  }));
}
