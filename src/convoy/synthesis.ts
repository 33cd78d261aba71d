// The synthesis agent's part of the report: prose and an order of priorities. Counts and lists stay with code.
import { z } from "zod";
import { formatIssues } from "../config/format-issues.js";
import { extractLastJsonBlock } from "./extract-json-block.js";

export const synthesisSchema = z.object({
  /** The executive summary, a few sentences of Markdown. */
  summary: z.string().trim().min(1),
  /** Findings to fix first, most urgent first, by id (F1, F2…), each with why. */
  priorities: z
    .array(z.object({ id: z.string().trim().min(1), why: z.string().trim().min(1) }))
    .max(20)
    .default([]),
});
export type Synthesis = z.output<typeof synthesisSchema>;

export type ParsedSynthesis = { ok: true; synthesis: Synthesis } | { ok: false; error: string };

export function parseSynthesis(output: string): ParsedSynthesis {
  const block = extractLastJsonBlock(output);
  if (!block.ok) return block;
  const parsed = synthesisSchema.safeParse(block.value);
  if (!parsed.success) {
    return { ok: false, error: `the synthesis block is invalid:\n${formatIssues(parsed.error)}` };
  }
  return { ok: true, synthesis: parsed.data };
}
