// `/drover kill`: stop the agent and end the session (the workspace stays; `/drover wipe` removes it).
import { isEnded } from "../../core/session.js";
import { handleSessionEvent } from "../../sessions/handle-event.js";
import { stateNames } from "../status/state-names.js";
import { type Command, noSession } from "./command.js";

export const killCommand: Command = {
  name: "kill",
  usage: "/drover kill",
  summary: "stop the agent and end the session",
  async run(ctx) {
    const session = ctx.session;
    if (!session) return noSession(ctx);
    if (isEnded(session.state)) return `The session has already ended (${stateNames[session.state]}).`;
    await handleSessionEvent(
      ctx.app,
      session.id,
      { type: "human.kill", id: ctx.eventId(), by: ctx.by },
      { repo: ctx.repo },
    );
    return "Stopping the agent; the session has ended. Its workspace stays until `/drover wipe`.";
  },
};
