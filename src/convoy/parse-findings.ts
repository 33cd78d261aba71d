// Reads a reviewer's output: its last fenced JSON block must be a valid list of findings, or the reviewer failed.
import { formatIssues } from "../config/format-issues.js";
import { extractLastJsonBlock } from "./extract-json-block.js";
import { findingsBlockSchema, type RawFinding } from "./finding.js";

export type ParsedFindings = { ok: true; findings: RawFinding[] } | { ok: false; error: string };

export function parseFindings(output: string): ParsedFindings {
  const block = extractLastJsonBlock(output);
  if (!block.ok) return block;
  const parsed = findingsBlockSchema.safeParse(block.value);
  if (!parsed.success) {
    return { ok: false, error: `the findings block is invalid:\n${formatIssues(parsed.error)}` };
  }
  return { ok: true, findings: parsed.data };
}
