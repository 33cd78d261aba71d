// Tells a session's issue, once, that `.github/drover.yml` is invalid and the defaults apply meanwhile.
import { createHash } from "node:crypto";
import type { AppContext } from "../server/app-context.js";
import { type GitHubClient, repoParams } from "./github-client.js";
import { configPath } from "./repo-configs.js";

export async function reportConfigProblem(
  app: AppContext,
  client: GitHubClient,
  target: { repo: string; issue: number; sessionId: string },
  problem: string,
): Promise<void> {
  const digest = createHash("sha256").update(problem).digest("hex").slice(0, 16);
  if (!(await app.store.markDelivery(`github-config-problem:${target.sessionId}:${digest}`, 30 * 86_400_000)))
    return;
  await client.rest.issues.createComment({
    ...repoParams(target.repo),
    issue_number: target.issue,
    body: [
      `Drover cannot use \`${configPath}\`, so this session runs with the default settings:`,
      "",
      "```",
      problem,
      "```",
      "",
      "Fix the file on the default branch; Drover reads it again after the push.",
    ].join("\n"),
  });
}
