// Which lines of a file a PR review can comment on: the new-side lines of the diff hunks (added and context
// lines), read from the unified patch the pull request files API returns. A multi-line comment must stay in
// one hunk, so each line carries its hunk's number.

/** New-side line number → hunk number, for every line the diff shows on the right. */
export type CommentableLines = Map<number, number>;

export function commentableLines(patch: string | undefined): CommentableLines {
  const lines: CommentableLines = new Map();
  if (!patch) return lines; // binary or very large files come without a patch: nothing is commentable
  let hunk = -1;
  let next = 0;
  for (const text of patch.split("\n")) {
    const header = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(text);
    if (header) {
      hunk += 1;
      next = Number(header[1]);
      continue;
    }
    if (hunk < 0) continue;
    if (text.startsWith("+") || text.startsWith(" ")) {
      lines.set(next, hunk);
      next += 1;
    }
    // "-" lines exist only on the old side; "\ No newline at end of file" is not a line at all.
  }
  return lines;
}

export type CommentPlace = { line: number; start_line?: number };

/** Where an inline comment for these lines goes, or undefined when none of them is in the diff. */
export function placeComment(
  lines: CommentableLines,
  range: { start: number; end: number },
): CommentPlace | undefined {
  const inDiff: number[] = [];
  for (let n = range.start; n <= range.end; n++) if (lines.has(n)) inDiff.push(n);
  const first = inDiff[0];
  if (first === undefined) return undefined;
  const last = inDiff.filter((n) => lines.get(n) === lines.get(first)).at(-1)!;
  return last > first ? { start_line: first, line: last } : { line: first };
}
