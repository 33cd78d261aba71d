// `/drover wipe`: end the session and remove its workspace on the runner.
import { handleSessionEvent } from "../../sessions/handle-event.js";
import { type Command, noSession } from "./command.js";

export const wipeCommand: Command = {
  name: "wipe",
  usage: "/drover wipe",
  summary: "end the session and remove its workspace on the runner",
  async run(ctx) {
    const session = ctx.session;
    if (!session) return noSession(ctx);
    await handleSessionEvent(
      ctx.app,
      session.id,
      { type: "human.wipe", id: ctx.eventId(), by: ctx.by, workspace: true },
      { repo: ctx.repo },
    );
    return session.runnerId
      ? `The session has ended; runner \`${session.runnerId}\` removes its workspace.`
      : "The session has ended; no runner had started it, so there is no workspace to remove.";
  },
};
