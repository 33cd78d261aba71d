// `/drover cost`: what the issue's sessions have cost, by session and by model.
import { costBadge, formatTokens, formatUsd } from "../status/cost-badge.js";
import { issueCosts } from "../status/issue-costs.js";
import { stateNames } from "../status/state-names.js";
import { type Command, noSession } from "./command.js";

export const costCommand: Command = {
  name: "cost",
  usage: "/drover cost",
  summary: "what this issue's sessions have cost, by session and by model",
  async run(ctx) {
    const issueKey = ctx.session?.issue.key ?? (ctx.isPullRequest ? undefined : String(ctx.issue.number));
    if (!issueKey) return noSession(ctx);
    const costs = await issueCosts(ctx.app, ctx.repo, issueKey, { perSession: true });
    if (costs.sessions.length === 0) return noSession(ctx);
    const count = costs.sessions.length;
    const lines = [
      `**Cost so far:** ${costBadge(costs.total.usd, { sessions: count, tokens: costs.total.tokens })}`,
      "",
      "| Session | Agent | State | Cost | Tokens |",
      "| --- | --- | --- | --- | --- |",
      ...costs.sessions.map(
        ({ session, cost }) =>
          `| \`${session.id}\` | ${session.agent}${session.model ? ` (${session.model})` : ""} | ` +
          `${stateNames[session.state]} | ${formatUsd(cost.usd)} | ${formatTokens(cost.tokens)} |`,
      ),
    ];
    if (costs.byModel.length > 0) {
      const total = costs.total.usd;
      lines.push(
        "",
        "| Model | Cost | Share | Tokens |",
        "| --- | --- | --- | --- |",
        ...costs.byModel.map(
          ({ model, cost }) =>
            `| ${model} | ${formatUsd(cost.usd)} | ${total > 0 ? Math.round((cost.usd / total) * 100) : 0}% | ` +
            `${formatTokens(cost.tokens)} |`,
        ),
      );
    }
    return lines.join("\n");
  },
};
