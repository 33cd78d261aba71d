// The sticky status comment (and `/drover status`): one block that says where the session is, who runs it,
// for how long, what it has cost, and what happens next.
import type { RepoConfig } from "../../config/repo-config.js";
import type { Session } from "../../core/session.js";
import type { CostSum } from "../../store/cost-counters.js";
import { costBadge } from "./cost-badge.js";
import { nextStep } from "./next-step.js";
import { stateNames } from "./state-names.js";

/** Marks the one status comment Drover keeps per issue and PR, so it is found and edited, never repeated. */
export const statusMarker = "<!-- drover:status -->";

export interface StatusView {
  session: Session;
  config: RepoConfig;
  /** Cost of every session on the session's issue, and how many there are. */
  cost: CostSum;
  sessionCount: number;
  now: number;
}

export function formatElapsed(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return "less than a minute";
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  if (days > 0) return `${days}d ${hours}h`;
  return hours > 0 ? `${hours}h ${rest}m` : `${rest}m`;
}

export function formatTime(at: number): string {
  return `${new Date(at).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

export function renderStatusTable(view: StatusView): string {
  const { session, cost, sessionCount, now } = view;
  const ended = session.endedAt !== undefined;
  const took = formatElapsed((session.endedAt ?? now) - session.createdAt);
  const rows: [string, string][] = [
    ["State", `**${stateNames[session.state]}**`],
    [
      "Agent",
      [session.agent, session.model]
        .filter(Boolean)
        .map((s) => `\`${s}\``)
        .join(" · "),
    ],
    ["Runner", session.runnerId ? `\`${session.runnerId}\`` : "not yet assigned"],
    ["Time", `${ended ? "ran for" : "running for"} ${took} (since ${formatTime(session.createdAt)})`],
    ["Cost", costBadge(cost.usd, { sessions: sessionCount, tokens: cost.tokens })],
  ];
  if (session.pr) rows.splice(1, 0, ["Pull request", `#${session.pr.number}`]);
  return ["| | |", "| --- | --- |", ...rows.map(([name, value]) => `| ${name} | ${value} |`)].join("\n");
}

export function renderStatus(view: StatusView): string {
  return [
    statusMarker,
    `### Drover · ${stateNames[view.session.state]}`,
    "",
    renderStatusTable(view),
    "",
    `**Next:** ${nextStep(view.session, view.config)}`,
    "",
    "<sub>Commands: `/drover status` · `/drover send <message>` · `/drover kill` · `/drover cost` · `/drover help`</sub>",
  ].join("\n");
}
