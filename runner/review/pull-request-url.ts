// A pull request's web address for the reviewers' prompt, on the host origin points to (GitHub Enterprise
// included); github.com when origin is a path or an address of another shape.
export function pullRequestUrl(originUrl: string, repo: string, pr: number): string {
  const host =
    /^(?:https?|ssh|git):\/\/(?:[^@/]+@)?([^/:]+)/.exec(originUrl)?.[1] ??
    /^[^@/]+@([^:/]+):/.exec(originUrl)?.[1];
  return `https://${host ?? "github.com"}/${repo}/pull/${pr}`;
}
