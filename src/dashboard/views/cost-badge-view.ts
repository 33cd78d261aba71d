// A cost as a coloured badge; the amount is the text, so the colour never carries meaning on its own.
import { costBadgeColour } from "../cost-badge.js";
import { formatUsd } from "../format.js";
import { html, type SafeHtml } from "../html.js";

export function costBadge(usd: number): SafeHtml {
  return html`<span class="chip ${costBadgeColour(usd)}" data-cost-badge="${costBadgeColour(usd)}">${formatUsd(usd)}</span>`;
}
