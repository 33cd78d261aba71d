// Deduplication is code: same file, overlapping lines and a similar title make one finding naming every reviewer.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dedupeFindings, type ReviewerFinding } from "../../src/convoy/dedupe-findings.js";
import type { RawFinding } from "../../src/convoy/finding.js";
import { severities } from "../../src/convoy/severity.js";
import { similarTitles } from "../../src/convoy/similar-title.js";

const raw = (
  reviewer: string,
  severity: RawFinding["severity"],
  file: string,
  lines: [number, number] | undefined,
  title: string,
): ReviewerFinding => ({
  reviewer,
  finding: {
    severity,
    file,
    ...(lines ? { line: { start: lines[0], end: lines[1] } } : {}),
    title,
    detail: `${reviewer}: ${title}`,
  },
});

describe("dedupeFindings", () => {
  it("merges the same problem from several reviewers, keeping the worst severity and every reviewer", () => {
    const { findings, duplicatesRemoved } = dedupeFindings([
      raw("correctness", "high", "src/app.ts", [4, 4], "SQL built by string concatenation"),
      raw("security", "critical", "src/app.ts", [3, 5], "SQL injection by string concatenation"),
      raw("performance", "low", "src/app.ts", [40, 41], "SQL built by string concatenation"),
      raw("security", "medium", "src/db.ts", [4, 4], "SQL built by string concatenation"),
      raw("correctness", "low", "src/app.ts", undefined, "No tests for the module"),
      raw("performance", "low", "src/app.ts", undefined, "Module has no tests"),
    ]);
    expect(duplicatesRemoved).toBe(2);
    expect(findings.map((f) => [f.id, f.severity, f.file, f.line, f.title, f.reviewers])).toEqual([
      [
        "F1",
        "critical",
        "src/app.ts",
        { start: 3, end: 5 },
        "SQL injection by string concatenation",
        ["correctness", "security"],
      ],
      ["F2", "medium", "src/db.ts", { start: 4, end: 4 }, "SQL built by string concatenation", ["security"]],
      ["F3", "low", "src/app.ts", undefined, "No tests for the module", ["correctness", "performance"]],
      [
        "F4",
        "low",
        "src/app.ts",
        { start: 40, end: 41 },
        "SQL built by string concatenation",
        ["performance"],
      ],
    ]);
    // The merged finding speaks with the most severe report's words.
    expect(findings[0]!.detail).toBe("security: SQL injection by string concatenation");
  });

  it("compares titles by their words", () => {
    expect(similarTitles("Missing null check on user", "User null check missing")).toBe(true);
    expect(similarTitles("Quadratic loop in uniq()", "uniq is quadratic")).toBe(true);
    expect(similarTitles("SQL injection", "Unbounded cache growth")).toBe(false);
  });

  const findingArb = fc.record({
    reviewer: fc.constantFrom("correctness", "security", "performance"),
    finding: fc.record({
      severity: fc.constantFrom(...severities),
      file: fc.constantFrom("a.ts", "b.ts"),
      line: fc.option(
        fc
          .tuple(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 0, max: 4 }))
          .map(([s, n]) => ({ start: s, end: s + n })),
        { nil: undefined },
      ),
      title: fc.constantFrom(
        "SQL injection",
        "SQL injection risk",
        "Slow loop",
        "Loop is slow",
        "Leaked token",
      ),
      detail: fc.constant("d"),
    }),
  });

  it("loses no finding and no reviewer, and never raises or lowers the worst severity", () => {
    fc.assert(
      fc.property(fc.array(findingArb, { maxLength: 25 }), (reported) => {
        const input = reported.map((r) => ({ reviewer: r.reviewer, finding: r.finding as RawFinding }));
        const { findings, duplicatesRemoved } = dedupeFindings(input);
        expect(findings.length + duplicatesRemoved).toBe(input.length);
        expect(findings.map((f) => f.id)).toEqual(findings.map((_, i) => `F${i + 1}`));
        for (const r of input) {
          const home = findings.find(
            (f) =>
              f.file === r.finding.file &&
              f.reviewers.includes(r.reviewer) &&
              severities.indexOf(f.severity) <= severities.indexOf(r.finding.severity),
          );
          expect(home).toBeDefined();
        }
        const worst = (list: { severity: string }[]) =>
          Math.min(...list.map((f) => severities.indexOf(f.severity as never)));
        if (input.length > 0) expect(worst(findings)).toBe(worst(input.map((r) => r.finding)));
      }),
    );
  });
});
