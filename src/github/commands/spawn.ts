// `/drover spawn [agent=<name>] [model=<model>]`: start an agent on this issue.
import { agentNames } from "../../config/repo-config.js";
import { reportConfigProblem } from "../report-config-problem.js";
import { issueRefFrom, spawnSession } from "../spawn/spawn-session.js";
import { stateNames } from "../status/state-names.js";
import type { Command } from "./command.js";
import { parseOptions } from "./parse-command.js";

const usage = "/drover spawn [agent=<name>] [model=<model>]";

export const spawnCommand: Command = {
  name: "spawn",
  usage,
  summary: `start an agent on this issue (agents: ${agentNames.join(", ")})`,
  async run(ctx, command) {
    if (ctx.isPullRequest)
      return "`/drover spawn` works on issues: comment it on the issue the agent should resolve.";
    const { options, unknown } = parseOptions(command.args);
    const extra = [...unknown, ...Object.keys(options).filter((key) => key !== "agent" && key !== "model")];
    if (extra.length > 0) return `Unknown ${extra.map((e) => `\`${e}\``).join(", ")}. Usage: \`${usage}\``;
    const agent = options.agent;
    if (agent !== undefined && !(agentNames as readonly string[]).includes(agent))
      return `There is no agent \`${agent}\`; choose one of ${agentNames.map((a) => `\`${a}\``).join(", ")}.`;
    const outcome = await spawnSession(ctx.app, {
      repo: ctx.repo,
      issue: issueRefFrom(ctx.issue),
      requestedBy: ctx.by,
      ...(agent ? { agent } : {}),
      ...(options.model ? { model: options.model } : {}),
      loaded: ctx.loaded,
    });
    if ("alreadyRunning" in outcome) {
      const state = stateNames[outcome.alreadyRunning.state];
      return `A session already works on this issue (${state}); \`/drover status\` shows where it is.`;
    }
    const session = outcome.started;
    if (ctx.loaded.problem)
      await reportConfigProblem(
        ctx.app,
        ctx.client,
        { repo: ctx.repo, issue: ctx.issue.number, sessionId: session.id },
        ctx.loaded.problem,
      );
    const model = session.model ? ` (model \`${session.model}\`)` : "";
    return `Started session \`${session.id}\` with \`${session.agent}\`${model} on branch \`${session.branch}\`. The status comment follows it.`;
  },
};
