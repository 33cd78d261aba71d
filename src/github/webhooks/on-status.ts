// status events: a commit status (CI outside GitHub Actions), for each session whose branch holds the commit.
import { isEnded, type Session } from "../../core/session.js";
import { isSessionBranch } from "../../core/start-session.js";
import { commitStatusResult } from "../ci/check-results.js";
import type { Prepare } from "./handle-delivery.js";
import { recordEvents } from "./record-events.js";

export const onStatus: Prepare<"status"> = async ({ app, context, repo, eventId }) => {
  const { payload } = context;
  const sessions: Session[] = [];
  for (const branch of payload.branches) {
    if (!isSessionBranch(branch.name)) continue;
    const session = await app.store.findSessionByBranch(repo, branch.name);
    if (session?.pr && !isEnded(session.state) && !sessions.some((s) => s.id === session.id))
      sessions.push(session);
  }
  if (sessions.length === 0) return undefined;
  const result = commitStatusResult(payload);
  return async () => {
    for (const session of sessions)
      await recordEvents(app, session.id, repo, [
        { type: "ci.result", id: eventId(), sha: payload.sha, checks: [result] },
      ]);
  };
};
