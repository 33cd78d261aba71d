// A finished convoy as the convoy.result event the app receives: its findings as data, report.md and figures,
// made to fit the protocol's size limit — a very long report is shortened first, then the least severe
// findings are left out (the counts still cover them all, and the report on the runner has everything).
import type { ConvoyState } from "../../src/convoy/convoy-state.js";
import {
  maxConvoyFindings,
  maxConvoyReportChars,
  maxConvoyResultBytes,
} from "../../src/protocol/runner-events.js";
import type { ConvoyResultBody } from "../daemon/jobs/review.js";

export function convoyResultBody(state: ConvoyState, report: string, headSha: string): ConvoyResultBody {
  if (state.status === "running" || !state.result) throw new Error(`convoy ${state.id} has not ended`);
  const { reportFile: _, ...result } = state.result;
  const elapsed = (from?: string, to?: string) =>
    from && to ? Math.max(0, Date.parse(to) - Date.parse(from)) : undefined;
  const costs = state.agents.flatMap((a) => (a.costUsd === undefined ? [] : [a.costUsd]));
  const body: ConvoyResultBody = {
    convoyId: state.id,
    headSha,
    template: state.template,
    status: state.status,
    result: { ...result, findings: result.findings.slice(0, maxConvoyFindings) },
    report: shorten(report, maxConvoyReportChars),
    stats: {
      durationMs: elapsed(state.createdAt, state.finishedAt) ?? 0,
      ...(costs.length > 0 ? { costUsd: costs.reduce((a, b) => a + b, 0) } : {}),
      agents: state.agents.map((a) => {
        const took = elapsed(a.startedAt, a.finishedAt);
        return {
          role: a.role,
          status: a.status,
          ...(took === undefined ? {} : { durationMs: took }),
          ...(a.costUsd === undefined ? {} : { costUsd: a.costUsd }),
          ...(a.error ? { error: a.error.slice(0, 2_000) } : {}),
        };
      }),
    },
  };
  // The event travels with its sequence number and time too; leave room for them.
  const limit = maxConvoyResultBytes - 200;
  while (Buffer.byteLength(JSON.stringify(body)) > limit) {
    if (body.report.length > 20_000) body.report = shorten(body.report, Math.floor(body.report.length / 2));
    else if (body.result.findings.length > 0)
      body.result.findings = body.result.findings.slice(0, Math.floor((body.result.findings.length * 3) / 4));
    else break;
  }
  return body;
}

function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const note = "\n\n…(shortened to fit; the whole report is on the runner)\n";
  return text.slice(0, max - note.length) + note;
}
