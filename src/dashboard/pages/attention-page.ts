// GET /dashboard — the attention view: every session in the zone that says what it needs from a human, most
// urgent first; green (working) and grey (done) collapsed so the eye lands on what needs a decision.
import type { Session } from "../../core/session.js";
import { attentionZone, type Zone, type ZoneVerdict, zones } from "../attention-zone.js";
import { html, type SafeHtml } from "../html.js";
import { repoConfigs, visibleSessions } from "../load-sessions.js";
import type { PageContent, PageRequest } from "../page-route.js";
import { sessionCard } from "../views/session-card.js";

const zoneText: Record<Zone, { title: string; hint: string }> = {
  red: {
    title: "Needs you now",
    hint: "The agent cannot go on: it asked a question, crashed or went silent.",
  },
  orange: {
    title: "Ready to merge or decide",
    hint: "Approved and green, or review changes and merge conflicts the agent did not resolve.",
  },
  yellow: {
    title: "Check on",
    hint: "Routine handling ran out: CI still failing after the automatic fixes, or the agent idle too long.",
  },
  green: { title: "Working", hint: "Drover and the agent are on it." },
  grey: { title: "Done", hint: "Merged, closed or stopped." },
};

/** How many ended sessions the grey zone lists; the rest are counted. */
const greyLimit = 50;

interface Placed {
  session: Session;
  verdict: ZoneVerdict;
}

function order(zone: Zone, placed: Placed[]): Placed[] {
  const byUpdate = (a: Placed, b: Placed) => a.session.updatedAt - b.session.updatedAt;
  // Waiting zones: whoever has waited longest first. Working and done: the latest news first.
  if (zone === "green") return [...placed].sort((a, b) => byUpdate(b, a));
  if (zone === "grey")
    return [...placed].sort(
      (a, b) => (b.session.endedAt ?? b.session.updatedAt) - (a.session.endedAt ?? a.session.updatedAt),
    );
  return [...placed].sort(byUpdate);
}

function zoneSection(zone: Zone, placed: Placed[], now: number): SafeHtml {
  const { title, hint } = zoneText[zone];
  const shown = zone === "grey" ? placed.slice(0, greyLimit) : placed;
  const list = html`<div data-live="zone-${zone}">
    <p class="muted">${hint}</p>
    ${
      shown.length
        ? html`<ul class="sessions">${shown.map((p) => sessionCard(p.session, p.verdict, now))}</ul>`
        : html`<p class="empty">Nothing here.</p>`
    }
    ${placed.length > shown.length ? html`<p class="muted">And ${placed.length - shown.length} older ones.</p>` : ""}
  </div>`;
  const heading = html`<h2 id="zone-${zone}-heading">${title} <span class="chip ${zone}"><span data-live="count-${zone}">${placed.length}</span><span class="visually-hidden"> sessions</span></span></h2>`;
  if (zone === "green" || zone === "grey") {
    return html`<section class="zone ${zone}" aria-labelledby="zone-${zone}-heading" data-zone="${zone}">
  <details><summary>${heading}</summary>${list}</details>
</section>`;
  }
  return html`<section class="zone ${zone}" aria-labelledby="zone-${zone}-heading" data-zone="${zone}">${heading}${list}</section>`;
}

export async function attentionPage({ app, viewer }: PageRequest): Promise<PageContent> {
  const now = app.now();
  const sessions = await visibleSessions(app, viewer.principal);
  const configs = await repoConfigs(app, sessions);
  const byZone = new Map<Zone, Placed[]>(zones.map((zone) => [zone, []]));
  for (const session of sessions) {
    const verdict = attentionZone(session, { now, config: configs.get(session.repo)! });
    byZone.get(verdict.zone)!.push({ session, verdict });
  }
  const main = html`<h1>Attention</h1>
<div data-live="empty">${
    sessions.length === 0
      ? html`<p class="notice">No sessions yet. Label an issue <code>drover</code> to hand it to an agent.</p>`
      : ""
  }</div>
${zones.map((zone) => zoneSection(zone, order(zone, byZone.get(zone)!), now))}`;
  return { title: "Attention", nav: "attention", main };
}
