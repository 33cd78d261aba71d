// Whether two findings' titles name the same problem: reviewers word one problem differently, so compare the
// words that carry meaning rather than the strings.

const stopWords = new Set(
  "a an the of in on to for is are was be been may might can could should not no by at from this that these those it its as with and or into via when if than then there their".split(
    " ",
  ),
);

/** The meaningful words of a title, lower-cased and with a plural "s" dropped. */
export function titleWords(title: string): string[] {
  const words = title
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 1 && !stopWords.has(w))
    .map((w) => (w.length > 3 && w.endsWith("s") && !w.endsWith("ss") ? w.slice(0, -1) : w));
  return [...new Set(words)];
}

/** Half the words in common (Jaccard ≥ 0.5), or the shorter title's words nearly all inside the longer one. */
export function similarTitles(a: string, b: string): boolean {
  const wa = titleWords(a);
  const wb = new Set(titleWords(b));
  if (wa.length === 0 || wb.size === 0) return a.trim().toLowerCase() === b.trim().toLowerCase();
  const shared = wa.filter((w) => wb.has(w)).length;
  const union = wa.length + wb.size - shared;
  if (shared / union >= 0.5) return true;
  const smaller = Math.min(wa.length, wb.size);
  return smaller >= 2 && shared / smaller >= 0.8;
}
