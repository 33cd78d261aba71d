// A finding's identity across runs: file and title words, not lines, because lines move with every push.
import { createHash } from "node:crypto";
import { titleWords } from "./similar-title.js";

export function findingFingerprint(finding: { file: string; title: string }): string {
  const words = titleWords(finding.title).sort().join(" ");
  return createHash("sha256").update(`${finding.file}\n${words}`).digest("hex").slice(0, 16);
}
