// The PR's review verdict from each reviewer's latest review.
import type { PullRequestFacts } from "./session.js";

export type ReviewStatus = "none" | "approved" | "changes_requested" | "changes_pushed";

/**
 * A change request counts until the agent pushes a new head; after that the PR waits for a re-review
 * (GitHub keeps showing "changes requested" until the reviewer looks again, but the agent's part is done).
 */
export function reviewStatus(pr: PullRequestFacts): ReviewStatus {
  const reviews = Object.values(pr.reviews);
  const requests = reviews.filter((r) => r.verdict === "changes_requested");
  if (requests.some((r) => r.sha === pr.headSha)) return "changes_requested";
  if (requests.length > 0) return "changes_pushed";
  if (reviews.some((r) => r.verdict === "approved")) return "approved";
  return "none";
}
