// `/drover status`: where the session is, who runs it, what it cost, what happens next.

import { nextStep } from "../status/next-step.js";
import { renderStatusTable } from "../status/render-status.js";
import { stateNames } from "../status/state-names.js";
import { loadStatusView } from "../status/status-view.js";
import { type Command, noSession } from "./command.js";

export const statusCommand: Command = {
  name: "status",
  usage: "/drover status",
  summary: "where the session is and what happens next",
  async run(ctx) {
    if (!ctx.session) return noSession(ctx);
    const view = await loadStatusView(ctx.app, ctx.session);
    return [
      `**${stateNames[view.session.state]}** · session \`${view.session.id}\``,
      "",
      renderStatusTable(view),
      "",
      `**Next:** ${nextStep(view.session, view.config)}`,
    ].join("\n");
  },
};
