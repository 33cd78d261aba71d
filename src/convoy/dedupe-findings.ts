// Merges what several reviewers reported about one problem (same file, overlapping lines, similar title) into
// one finding that names every reviewer. Code, not the synthesis agent, so counts can be trusted.
import type { Finding, LineRange, RawFinding } from "./finding.js";
import { findingFingerprint } from "./finding-fingerprint.js";
import { severityRank } from "./severity.js";
import { similarTitles } from "./similar-title.js";

export interface ReviewerFinding {
  reviewer: string;
  finding: RawFinding;
}

export interface DedupedFindings {
  findings: Finding[];
  /** How many reported findings were folded into another one. */
  duplicatesRemoved: number;
}

/** Reviewers cite the first or last line of a block a little differently; this many lines apart still overlap. */
const lineSlack = 2;

function linesOverlap(a: LineRange | undefined, b: LineRange | undefined): boolean {
  if (!a || !b) return !a && !b;
  return a.start <= b.end + lineSlack && b.start <= a.end + lineSlack;
}

export function sameProblem(a: RawFinding, b: RawFinding): boolean {
  return a.file === b.file && linesOverlap(a.line, b.line) && similarTitles(a.title, b.title);
}

export function dedupeFindings(reported: readonly ReviewerFinding[]): DedupedFindings {
  // Union-find: if A matches B and B matches C, all three are one problem.
  const parent = reported.map((_, i) => i);
  const root = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  for (let i = 0; i < reported.length; i++) {
    for (let j = i + 1; j < reported.length; j++) {
      if (sameProblem(reported[i]!.finding, reported[j]!.finding)) parent[root(j)] = root(i);
    }
  }
  const groups = new Map<number, ReviewerFinding[]>();
  reported.forEach((item, i) => {
    const key = root(i);
    groups.set(key, [...(groups.get(key) ?? []), item]);
  });

  const merged = [...groups.values()].map(mergeGroup);
  merged.sort(
    (a, b) =>
      severityRank(a.severity) - severityRank(b.severity) ||
      a.file.localeCompare(b.file) ||
      (a.line?.start ?? 0) - (b.line?.start ?? 0) ||
      a.title.localeCompare(b.title),
  );
  const findings = merged.map((finding, i) => ({ ...finding, id: `F${i + 1}` }));
  return { findings, duplicatesRemoved: reported.length - findings.length };
}

function mergeGroup(group: ReviewerFinding[]): Omit<Finding, "id"> {
  // The most severe report leads (the first one on a tie); the others add reviewers, lines and a suggestion.
  const lead = group.reduce((best, item) =>
    severityRank(item.finding.severity) < severityRank(best.finding.severity) ? item : best,
  ).finding;
  const lines = group.flatMap((item) => (item.finding.line ? [item.finding.line] : []));
  const line =
    lines.length > 0
      ? { start: Math.min(...lines.map((l) => l.start)), end: Math.max(...lines.map((l) => l.end)) }
      : undefined;
  const suggestion = lead.suggestion ?? group.find((item) => item.finding.suggestion)?.finding.suggestion;
  return {
    fingerprint: findingFingerprint(lead),
    severity: lead.severity,
    file: lead.file,
    ...(line ? { line } : {}),
    title: lead.title,
    detail: lead.detail,
    ...(suggestion ? { suggestion } : {}),
    reviewers: [...new Set(group.map((item) => item.reviewer))],
  };
}
