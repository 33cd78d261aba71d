// The tracker port for Linear issues: comments go to the issue, and on every status change the issue follows
// the session (its workflow state, the PR link once, the outcome and cost at the end). Receipts in the store
// make each step happen once however often the effect runs; steps that fail are retried by the outbox.
import type { Session } from "../core/session.js";
import { isEnded } from "../core/session.js";
import type { AppContext } from "../server/app-context.js";
import type { TrackerEffects } from "../sessions/ports.js";
import type { LinearApi, LinearIssueLink } from "./linear-api.js";
import { prOpenedComment, sessionEndedComment } from "./linear-comments.js";
import type { LinearSettings } from "./linear-env.js";
import { type LinearMemory, readLinearMemory, rememberLinear } from "./linear-memory.js";
import { linearStageFor } from "./linear-stage-for.js";
import type { StateResolver } from "./workflow-states.js";

export interface LinearTrackerDeps {
  api: LinearApi;
  states: StateResolver;
  settings: LinearSettings;
  sleep: (ms: number) => Promise<void>;
}

/** Two drains of one session's outbox may run at once; only one may talk to its issue at a time. */
const lockTtlMs = 60_000;
const lockAttempts = 6;

export function createLinearTracker(app: AppContext, deps: LinearTrackerDeps): TrackerEffects {
  const { api, states, settings } = deps;

  const linkFor = async (session: Session, memory: LinearMemory): Promise<LinearIssueLink> => {
    if (memory.link) return memory.link;
    // Sessions started from a Linear webhook have their link already; others are looked up by key once.
    const link = await api.findIssue(session.issue.key);
    await rememberLinear(app.store, session.id, { kind: "link", ...link });
    return link;
  };

  const withIssueLock = async (session: Session, work: () => Promise<void>): Promise<void> => {
    const name = `linear:issue-lock:${session.id}`;
    for (let attempt = 0; attempt < lockAttempts; attempt++) {
      const token = await app.store.acquireLock(name, lockTtlMs);
      if (token) {
        try {
          return await work();
        } finally {
          await app.store.releaseLock(name, token);
        }
      }
      await deps.sleep(250 * 2 ** attempt);
    }
    throw new Error(
      `Another update of Linear issue ${session.issue.key} is under way; this one is retried later.`,
    );
  };

  return {
    async commentOnIssue(session, body) {
      requireLinearIssue(session);
      const link = await linkFor(session, await readLinearMemory(app.store, session.id));
      await api.createComment(link.issueId, body);
    },

    async sessionChanged(session) {
      requireLinearIssue(session);
      await withIssueLock(session, async () => {
        const memory = await readLinearMemory(app.store, session.id);
        const stage = linearStageFor(session);
        const pr = session.pr;
        const moveTo = stage && stage !== memory.stage ? stage : undefined;
        const linkPr = pr && !memory.prComments.has(pr.number) ? pr : undefined;
        const endText = isEnded(session.state) ? sessionEndedComment(session) : undefined;
        const writeEnd = endText !== undefined && memory.endComment?.text !== endText;
        if (!moveTo && !linkPr && !writeEnd) return;

        const link = await linkFor(session, memory);
        const failures: Error[] = [];
        const step = async (work: () => Promise<void>) => {
          try {
            await work();
          } catch (error) {
            failures.push(error as Error);
          }
        };

        if (moveTo) {
          await step(async () => {
            const stateId = await states.resolve(link.teamId, settings.states[moveTo]);
            await api.moveIssue(link.issueId, stateId);
            await rememberLinear(app.store, session.id, { kind: "stage", stage: moveTo });
            await log(
              app,
              session,
              `Linear issue ${session.issue.key} moved to "${settings.states[moveTo]}"`,
            );
          });
        }

        if (linkPr) {
          await step(async () => {
            const commentId = await api.createComment(link.issueId, prOpenedComment(session));
            await rememberLinear(app.store, session.id, {
              kind: "pr-comment",
              number: linkPr.number,
              commentId,
            });
            await log(app, session, `PR #${linkPr.number} linked on Linear issue ${session.issue.key}`);
          });
        }

        // One comment says how the session ended and what it cost; it is edited when the cost grows later.
        if (writeEnd) {
          await step(async () => {
            let commentId = memory.endComment?.commentId;
            if (commentId) await api.updateComment(commentId, endText);
            else commentId = await api.createComment(link.issueId, endText);
            await rememberLinear(app.store, session.id, { kind: "end-comment", commentId, text: endText });
            await log(
              app,
              session,
              `cost ($${session.cost.usd.toFixed(2)}) posted on Linear issue ${session.issue.key}`,
            );
          });
        }

        if (failures.length === 1) throw failures[0];
        if (failures.length > 1)
          throw new AggregateError(failures, failures.map((f) => f.message).join("; "));
      });
    },
  };
}

function requireLinearIssue(session: Session): void {
  if (session.issue.tracker !== "linear")
    throw new Error(`Session ${session.id} follows a ${session.issue.tracker} issue, not a Linear one.`);
}

async function log(app: AppContext, session: Session, summary: string): Promise<void> {
  await app.store.appendLog(session.id, [{ at: app.now(), kind: "linear", summary }]);
}
