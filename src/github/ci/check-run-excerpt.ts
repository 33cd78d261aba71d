// What a check run says about its failure: its output (title, summary, text) and its annotations with file:line.

export interface CheckRunOutput {
  title?: string | null;
  summary?: string | null;
  text?: string | null;
}

export interface Annotation {
  path: string;
  start_line?: number | null;
  annotation_level?: string | null;
  title?: string | null;
  message?: string | null;
}

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}…` : text);

export function annotationLines(annotations: readonly Annotation[]): string[] {
  return annotations
    .filter((a) => a.annotation_level !== "notice")
    .map((a) => {
      const where = `${a.path}${a.start_line ? `:${a.start_line}` : ""}`;
      const what = [a.title, a.message].filter(Boolean).join(": ");
      return `${where} (${a.annotation_level ?? "failure"}) ${what}`.trim();
    });
}

export function checkRunExcerpt(
  output: CheckRunOutput | undefined,
  annotations: readonly Annotation[],
): string {
  const parts: string[] = [];
  if (output?.title?.trim()) parts.push(output.title.trim());
  if (output?.summary?.trim()) parts.push(clip(output.summary.trim(), 2000));
  if (output?.text?.trim()) parts.push(clip(output.text.trim(), 2000));
  const lines = annotationLines(annotations);
  if (lines.length > 0) parts.push(["Annotations:", ...lines.slice(0, 30)].join("\n"));
  return parts.join("\n\n");
}
