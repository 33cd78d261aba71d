// What the convoy found, computed by code from the agents' validated outputs: deduplicated findings, counts by
// severity, who is missing and why, and the synthesis's prose and priorities mapped onto the final findings.
import type { ConvoyResult, ConvoyState } from "./convoy-state.js";
import { dedupeFindings } from "./dedupe-findings.js";
import type { Finding } from "./finding.js";
import { findingFingerprint } from "./finding-fingerprint.js";
import { dependencyFindings, missingReason } from "./prompt-values.js";
import { atOrAbove, countBySeverity } from "./severity.js";

export function summarizeConvoy(state: ConvoyState): ConvoyResult {
  const reported = state.agents.flatMap((a) =>
    a.status === "succeeded" && a.output === "findings"
      ? (a.findings ?? []).map((finding) => ({ reviewer: a.role, finding }))
      : [],
  );
  const { findings, duplicatesRemoved } = dedupeFindings(reported);
  const missing = state.agents
    .filter((a) => a.status !== "succeeded")
    .map((a) => ({ role: a.role, status: a.status, reason: missingReason(a) }));

  const synthesizer = state.agents.findLast((a) => a.status === "succeeded" && a.synthesis);
  let priorities: ConvoyResult["priorities"];
  if (synthesizer?.synthesis) {
    // The synthesis named ids from its own view (its dependencies); find the same findings in the final list.
    const byFingerprint = new Map(findings.map((f) => [f.fingerprint, f]));
    const seen = dependencyFindings(state.agents.filter((a) => synthesizer.dependsOn.includes(a.role)));
    priorities = synthesizer.synthesis.priorities.flatMap((p) => {
      const named = seen.find((f) => f.id === p.id);
      const finding = named ? byFingerprint.get(findingFingerprint(named)) : undefined;
      return finding ? [{ id: finding.id, why: p.why }] : [];
    });
    priorities = priorities.filter((p, i) => priorities.findIndex((q) => q.id === p.id) === i);
  } else {
    priorities = fallbackPriorities(findings);
  }

  return {
    findings,
    counts: countBySeverity(findings),
    reported: reported.length,
    duplicatesRemoved,
    ...(synthesizer?.synthesis ? { summary: synthesizer.synthesis.summary } : {}),
    priorities,
    missing,
    filesReviewed: state.inputs.files.length,
  };
}

// Without a synthesis, the most severe findings (high or worse) come first, in report order.
function fallbackPriorities(findings: readonly Finding[]): ConvoyResult["priorities"] {
  return findings
    .filter((f) => atOrAbove(f.severity, "high"))
    .slice(0, 5)
    .map((f) => ({ id: f.id, why: `${f.severity}, reported by ${f.reviewers.join(", ")}` }));
}
