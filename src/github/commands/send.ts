// `/drover send <message>`: a message for the agent (an answer to its question, a hint); a stopped agent starts
// again with it.
import { isEnded } from "../../core/session.js";
import { handleSessionEvent } from "../../sessions/handle-event.js";
import { type Command, noSession } from "./command.js";

export const sendCommand: Command = {
  name: "send",
  usage: "/drover send <message>",
  summary: "send a message to the agent (starts a stopped agent again with it)",
  async run(ctx, command) {
    const session = ctx.session;
    if (!session) return noSession(ctx);
    if (isEnded(session.state))
      return "This session has ended; `/drover spawn` on the issue starts a new one.";
    if (!command.text) return "Say what to send: `/drover send <message>` (it may span several lines).";
    const phase = session.agentFacts.phase;
    if (phase === "queued" || phase === "spawning")
      return "The agent has not started yet; send the message once it runs.";
    await handleSessionEvent(
      ctx.app,
      session.id,
      { type: "human.send", id: ctx.eventId(), by: ctx.by, message: command.text },
      { repo: ctx.repo },
    );
    return phase === "exited"
      ? "The agent had stopped; it starts again with your message."
      : "Sent to the agent.";
  },
};
