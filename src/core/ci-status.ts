// The PR's CI verdict for its head SHA, from the individual check results.
import type { CheckFact, PullRequestFacts } from "./session.js";

export type CiStatus = "none" | "pending" | "failing" | "passing";

export function headChecks(pr: PullRequestFacts): CheckFact[] {
  return pr.checks.filter((check) => check.sha === pr.headSha);
}

export function ciStatus(pr: PullRequestFacts): CiStatus {
  const checks = headChecks(pr);
  if (checks.length === 0) return "none";
  if (checks.some((c) => c.status === "failure")) return "failing";
  if (checks.some((c) => c.status === "pending")) return "pending";
  return "passing";
}

export function failingChecks(pr: PullRequestFacts): CheckFact[] {
  return headChecks(pr).filter((check) => check.status === "failure");
}
