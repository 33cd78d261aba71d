// Hidden markers in Drover's review text, so a later run can find its own summary to edit and recognise the
// findings it already posted, whatever else happens in the pull request.
import { similarTitles } from "./similar-title.js";

export const summaryMarker = "<!-- drover:convoy-summary -->";
export const followUpMarker = "<!-- drover:convoy-follow-up -->";

export function findingMarker(fingerprint: string): string {
  return `<!-- drover:finding fp=${fingerprint} -->`;
}

export interface PostedFinding {
  fingerprint: string;
  path: string;
  title?: string;
}

/** The finding a review comment (or summary line) of ours carries, if it is one. */
export function postedFinding(comment: { body: string; path?: string }): PostedFinding | undefined {
  const fp = /<!-- drover:finding fp=([0-9a-f]+) -->/.exec(comment.body)?.[1];
  if (!fp) return undefined;
  const title = /^\*\*\[[a-z]+\] (.+?)\*\*/m.exec(comment.body)?.[1];
  return { fingerprint: fp, path: comment.path ?? "", ...(title ? { title } : {}) };
}

/** Same fingerprint, or — when a reviewer reworded it — the same file and a similar title. */
export function alreadyPosted(
  finding: { fingerprint: string; file: string; title: string },
  posted: readonly PostedFinding[],
): boolean {
  return posted.some(
    (p) =>
      p.fingerprint === finding.fingerprint ||
      (p.path === finding.file && p.title !== undefined && similarTitles(p.title, finding.title)),
  );
}
