// Reviewers' findings and the synthesis as data: the last fenced JSON block, validated, with errors naming the
// field — an invalid block is the reviewer's failure, reported as such.
import { describe, expect, it } from "vitest";
import { parseFindings } from "../../src/convoy/parse-findings.js";
import { parseSynthesis } from "../../src/convoy/synthesis.js";

const fenced = (json: string) => `Some prose first.\n\n\`\`\`json\n${json}\n\`\`\`\n`;

describe("parseFindings", () => {
  it("reads the last json block, in either shape, and normalises lines", () => {
    const text =
      fenced('{"findings": [{"severity": "low", "file": "x", "title": "draft", "detail": "d"}]}') +
      fenced(
        JSON.stringify({
          findings: [
            { severity: "HIGH", file: "./src/a.ts", line: 42, title: "One", detail: "d" },
            {
              severity: "low",
              file: "src/b.ts",
              line: "48-40",
              title: "Range",
              detail: "d",
              suggestion: "s",
            },
            { severity: "medium", file: "src/c.ts", line: [3, 5], title: "Tuple", detail: "d" },
            { severity: "blocker", file: "package.json", title: "Whole file", detail: "d" },
          ],
        }),
      );
    const parsed = parseFindings(text);
    expect(parsed).toEqual({
      ok: true,
      findings: [
        { severity: "high", file: "src/a.ts", line: { start: 42, end: 42 }, title: "One", detail: "d" },
        {
          severity: "low",
          file: "src/b.ts",
          line: { start: 40, end: 48 },
          title: "Range",
          detail: "d",
          suggestion: "s",
        },
        { severity: "medium", file: "src/c.ts", line: { start: 3, end: 5 }, title: "Tuple", detail: "d" },
        { severity: "blocker", file: "package.json", title: "Whole file", detail: "d" },
      ],
    });
    expect(parseFindings(fenced("[]"))).toEqual({ ok: true, findings: [] });
  });

  it("keeps backticks inside JSON strings from closing the block", () => {
    const json = JSON.stringify({
      findings: [{ severity: "low", file: "a.ts", title: "Use ```code``` fences", detail: "``` inside" }],
    });
    expect(parseFindings(fenced(json))).toMatchObject({
      ok: true,
      findings: [{ title: "Use ```code``` fences" }],
    });
  });

  it("says what is wrong, field by field", () => {
    expect(parseFindings("No block at all.")).toEqual({
      ok: false,
      error: "the output has no fenced ```json block",
    });
    expect(parseFindings(fenced('{"findings": [{]}'))).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^the last ```json block is not valid JSON: /),
    });
    const invalid = parseFindings(
      fenced('{"findings": [{"severity": "urgent", "file": "a.ts", "line": 0, "title": "", "detail": "d"}]}'),
    );
    expect(invalid.ok).toBe(false);
    const error = (invalid as { error: string }).error;
    expect(error).toMatch(/^the findings block is invalid:\n/);
    expect(error).toContain(
      'findings.0.severity: Invalid option: expected one of "blocker"|"critical"|"high"|"medium"|"low"',
    );
    expect(error).toContain("findings.0.line: Too small: expected number to be >0");
    expect(error).toContain("findings.0.title: Too small");
    expect(
      parseFindings(
        fenced('[{"severity": "low", "file": "a", "line": {"from": 1}, "title": "t", "detail": "d"}]'),
      ),
    ).toEqual({
      ok: false,
      error:
        'the findings block is invalid:\nfindings.0.line: expected a line number such as 42 or a range such as "40-48" or [40, 48]',
    });
    expect(parseFindings(fenced('{"issues": []}'))).toEqual({
      ok: false,
      error: "the findings block is invalid:\nfindings: expected array, received undefined",
    });
  });
});

describe("parseSynthesis", () => {
  it("reads the summary and priorities, and rejects a block without a summary", () => {
    expect(
      parseSynthesis(fenced('{"summary": "Ship it.", "priorities": [{"id": "F2", "why": "worst"}]}')),
    ).toEqual({
      ok: true,
      synthesis: { summary: "Ship it.", priorities: [{ id: "F2", why: "worst" }] },
    });
    expect(parseSynthesis(fenced('{"summary": "Nothing to fix."}'))).toEqual({
      ok: true,
      synthesis: { summary: "Nothing to fix.", priorities: [] },
    });
    expect(parseSynthesis(fenced('{"priorities": []}'))).toMatchObject({
      ok: false,
      error: expect.stringContaining("summary:"),
    });
  });
});
