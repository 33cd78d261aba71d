// The part of a GitHub Actions job log that explains a failure: the failing step's output up to its first
// error, without timestamps and group markers, short enough for a prompt.

const timestamp = /^\uFEFF?\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z ?/;

export function logExcerpt(log: string, maxLines = 60, maxChars = 6000): string {
  const lines = log.split(/\r?\n/).map((line) => line.replace(timestamp, ""));
  const firstError = lines.findIndex((line) => line.includes("##[error]"));
  let from: number;
  let to: number;
  if (firstError === -1) {
    to = lines.length;
    from = Math.max(0, to - maxLines);
  } else {
    // Back to the start of the step that failed ("##[group]Run <command>"), at most maxLines.
    let stepStart = firstError;
    while (stepStart > 0 && !lines[stepStart]!.startsWith("##[group]Run ")) stepStart -= 1;
    to = firstError + 1;
    while (to < lines.length && lines[to]!.includes("##[error]")) to += 1;
    from = Math.max(stepStart, to - maxLines);
  }
  const kept = lines
    .slice(from, to)
    .filter((line) => !line.startsWith("##[endgroup]"))
    .map((line) => line.replace(/^##\[group\]/, "").replace(/^##\[error\]/, "Error: "))
    .join("\n")
    .trim();
  return kept.length > maxChars ? `…${kept.slice(kept.length - maxChars)}` : kept;
}
