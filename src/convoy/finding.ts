// A reviewer's finding as data: the shape agents must emit (validated) and the shape the report and PR review use.
import { z } from "zod";
import { type Severity, severitySchema } from "./severity.js";

/** Lines as agents write them: 42, "42-48", [42, 48] or { start: 42, end: 48 }. */
const lineSchema = z
  .union(
    [
      z.number().int().positive(),
      z.string().regex(/^\s*\d+\s*(-\s*\d+\s*)?$/, 'expected a line number or a range such as "42-48"'),
      z.tuple([z.number().int().positive(), z.number().int().positive()]),
      z.object({ start: z.number().int().positive(), end: z.number().int().positive() }),
    ],
    { error: 'expected a line number such as 42 or a range such as "40-48" or [40, 48]' },
  )
  .transform((line): LineRange => {
    if (typeof line === "number") return { start: line, end: line };
    if (typeof line === "string") {
      const [a, b] = line.split("-").map((part) => Number(part.trim()));
      return orderRange(a!, b ?? a!);
    }
    if (Array.isArray(line)) return orderRange(line[0], line[1]);
    return orderRange(line.start, line.end);
  });

export interface LineRange {
  start: number;
  end: number;
}

function orderRange(a: number, b: number): LineRange {
  return a <= b ? { start: a, end: b } : { start: b, end: a };
}

/** One finding as a reviewer reports it. `line` is optional: some findings are about a whole file. */
export const rawFindingSchema = z.object({
  severity: z
    .string()
    .transform((s) => s.trim().toLowerCase())
    .pipe(severitySchema),
  file: z
    .string()
    .trim()
    .min(1)
    .transform((f) => f.replace(/^\.\//, "")),
  line: lineSchema.optional(),
  title: z.string().trim().min(1).max(300),
  detail: z.string().trim().min(1),
  suggestion: z.string().trim().min(1).optional(),
});
export type RawFinding = z.output<typeof rawFindingSchema>;

/** What the findings block may hold: `{ "findings": [...] }`, or the array alone. */
export const findingsBlockSchema = z
  .preprocess(
    (value) => (Array.isArray(value) ? { findings: value } : value),
    z.object({ findings: z.array(rawFindingSchema) }),
  )
  .transform((block) => block.findings);

/** A finding after deduplication: one per problem, naming every reviewer that reported it. */
export interface Finding {
  /** F1, F2… in report order (most severe first); stable for one set of reviewer outputs. */
  id: string;
  /** Stays the same across runs while file and title do, so a re-review recognises what it posted before. */
  fingerprint: string;
  severity: Severity;
  file: string;
  line?: LineRange;
  title: string;
  detail: string;
  suggestion?: string;
  reviewers: string[];
}

export const lineRangeSchema = z.object({ start: z.number().int(), end: z.number().int() });

export const findingSchema = z.object({
  id: z.string(),
  fingerprint: z.string(),
  severity: severitySchema,
  file: z.string(),
  line: lineRangeSchema.optional(),
  title: z.string(),
  detail: z.string(),
  suggestion: z.string().optional(),
  reviewers: z.array(z.string()),
}) satisfies z.ZodType<Finding>;

/** `src/a.ts:42` or `src/a.ts:42-48`, or the file alone. */
export function findingLocation(finding: { file: string; line?: LineRange | undefined }): string {
  if (!finding.line) return finding.file;
  const { start, end } = finding.line;
  return start === end ? `${finding.file}:${start}` : `${finding.file}:${start}-${end}`;
}
