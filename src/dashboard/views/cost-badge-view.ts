// A cost as a coloured badge; the amount is the text, so the colour never carries meaning on its own. Colour,
// amount and the "N sessions, M tokens" hint come from the one cost badge (src/cost/cost-badge.ts).
import { costBadge as badgeParts } from "../../cost/cost-badge.js";
import { html, type SafeHtml } from "../html.js";

export function costBadge(usd: number, counts: { sessions?: number; tokens?: number } = {}): SafeHtml {
  const badge = badgeParts({ usd, ...counts });
  return badge.detail
    ? html`<span class="chip ${badge.colour}" data-cost-badge="${badge.colour}" title="${badge.detail}">${badge.amount}</span>`
    : html`<span class="chip ${badge.colour}" data-cost-badge="${badge.colour}">${badge.amount}</span>`;
}
