// `/drover merge`: merge the session's PR now (with the repo config's merge method, else the repo's first).
import { handleSessionEvent } from "../../sessions/handle-event.js";
import { type Command, noSession } from "./command.js";

export const mergeCommand: Command = {
  name: "merge",
  usage: "/drover merge",
  summary: "merge the session's pull request",
  async run(ctx) {
    if (!ctx.isPullRequest) return "`/drover merge` works on the pull request a session opened.";
    const session = ctx.session;
    if (!session) return noSession(ctx);
    if (session.pr?.status !== "open") return "This pull request is not open, so there is nothing to merge.";
    await handleSessionEvent(
      ctx.app,
      session.id,
      { type: "human.merge", id: ctx.eventId(), by: ctx.by },
      { repo: ctx.repo },
    );
    return `Merging #${session.pr.number}; if GitHub refuses, a comment here says why.`;
  },
};
