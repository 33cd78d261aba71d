// The pull request the workflow runs for, from the event payload the runner writes to GITHUB_EVENT_PATH.
import { readFile } from "node:fs/promises";
import { z } from "zod";
import { formatIssues, InvalidInputError } from "../../src/config/format-issues.js";

const repoSchema = z.looseObject({ full_name: z.string() });
const payloadSchema = z.looseObject({
  pull_request: z.looseObject({
    number: z.number().int().positive(),
    html_url: z.string(),
    head: z.looseObject({ sha: z.string(), repo: repoSchema.nullable() }),
    base: z.looseObject({ repo: repoSchema }),
  }),
  repository: z.looseObject({ name: z.string(), owner: z.looseObject({ login: z.string() }) }),
});

export interface PullRequestEvent {
  owner: string;
  repo: string;
  number: number;
  url: string;
  headSha: string;
  /** The head branch lives in another repository (or one since deleted). */
  fromFork: boolean;
  headRepo: string;
}

export const pullRequestEvents = ["pull_request", "pull_request_target"];

export async function readPullRequestEvent(env: NodeJS.ProcessEnv): Promise<PullRequestEvent> {
  const name = env.GITHUB_EVENT_NAME ?? "";
  if (!pullRequestEvents.includes(name)) {
    throw new InvalidInputError(
      "The workflow's event",
      `GITHUB_EVENT_NAME: "${name}"; the convoy review runs on pull_request (or pull_request_target) events`,
    );
  }
  const path = env.GITHUB_EVENT_PATH;
  if (!path) throw new InvalidInputError("The runner's environment", "GITHUB_EVENT_PATH: not set");
  const parsed = payloadSchema.safeParse(JSON.parse(await readFile(path, "utf8")));
  if (!parsed.success) {
    throw new InvalidInputError(`The ${name} payload (${path})`, formatIssues(parsed.error));
  }
  const { pull_request: pr, repository } = parsed.data;
  const headRepo = pr.head.repo?.full_name ?? "(deleted fork)";
  return {
    owner: repository.owner.login,
    repo: repository.name,
    number: pr.number,
    url: pr.html_url,
    headSha: pr.head.sha,
    fromFork: headRepo !== pr.base.repo.full_name,
    headRepo,
  };
}
