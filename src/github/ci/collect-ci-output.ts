// Fetches what the fix prompt needs about each failing check, after the webhook was answered: the failing part
// of its output (check run output and annotations; for GitHub Actions the failing step of the job log; for a
// commit status its description), and whether the same check fails on the default branch's head too.
import type { CheckResult } from "../../core/events.js";
import type { CheckFact, Session } from "../../core/session.js";
import type { GitHubApp } from "../github-app.js";
import { type GitHubClient, httpStatus, repoParams } from "../github-client.js";
import { type Annotation, checkRunExcerpt } from "./check-run-excerpt.js";
import { defaultBranchVerdicts } from "./default-branch-verdicts.js";
import { latestCommitStatuses } from "./latest-commit-statuses.js";
import { logExcerpt } from "./log-excerpt.js";

const maxExcerpt = 8000;

export async function collectCiOutput(
  github: GitHubApp,
  session: Session,
  sha: string,
  checks: CheckFact[],
): Promise<CheckResult[]> {
  const client = await github.installations.clientFor(session.repo);
  // The calls do not depend on each other: the fix prompt waits for the slowest, not for their sum.
  const [{ data }, onDefault] = await Promise.all([
    client.rest.checks.listForRef({ ...repoParams(session.repo), ref: sha, filter: "latest", per_page: 100 }),
    github.repos.get(session.repo).then((facts) =>
      defaultBranchVerdicts(
        client,
        session.repo,
        facts.defaultBranch,
        checks.map((c) => c.name),
      ),
    ),
  ]);
  // Read once, and only when a check is a commit status rather than a check run.
  let statuses: ReturnType<typeof latestCommitStatuses> | undefined;

  return Promise.all(
    checks.map(async (check): Promise<CheckResult> => {
      const run = data.check_runs.find((r) => r.name === check.name);
      let excerpt: string;
      let url = check.url;
      if (run) {
        excerpt = await checkRunOutput(client, session.repo, run);
        url ??= run.details_url ?? run.html_url ?? undefined;
      } else {
        statuses ??= latestCommitStatuses(client, session.repo, sha);
        const status = (await statuses).get(check.name);
        excerpt = status?.description?.trim() ?? "";
        url ??= status?.target_url ?? undefined;
      }
      const { sha: _sha, ...known } = check;
      const verdict = onDefault.get(check.name);
      return {
        ...known,
        outputPending: false,
        ...(excerpt ? { excerpt: excerpt.slice(0, maxExcerpt) } : {}),
        ...(url ? { url } : {}),
        ...(verdict === undefined ? {} : { failsOnDefaultBranch: verdict }),
      };
    }),
  );
}

interface CheckRunSummary {
  id: number;
  app?: { slug?: string } | null;
  output: { title: string | null; summary: string | null; text: string | null; annotations_count: number };
}

async function checkRunOutput(client: GitHubClient, repo: string, run: CheckRunSummary): Promise<string> {
  const params = repoParams(repo);
  const annotations: Annotation[] =
    run.output.annotations_count > 0
      ? (await client.rest.checks.listAnnotations({ ...params, check_run_id: run.id, per_page: 50 })).data
      : [];
  const parts = [checkRunExcerpt(run.output, annotations)];
  // For GitHub Actions a check run is a workflow job, with the same id: its log shows the failing step.
  if (run.app?.slug === "github-actions") {
    const log = await jobLog(client, repo, run.id);
    if (log) parts.push(`Log of the failing step:\n${logExcerpt(log)}`);
  }
  return parts.filter(Boolean).join("\n\n");
}

async function jobLog(client: GitHubClient, repo: string, jobId: number): Promise<string | undefined> {
  try {
    // GitHub answers with a redirect to the log file, which fetch follows.
    const { data } = await client.rest.actions.downloadJobLogsForWorkflowRun({
      ...repoParams(repo),
      job_id: jobId,
    });
    return typeof data === "string" ? data : Buffer.from(data as ArrayBuffer).toString("utf8");
  } catch (error) {
    const status = httpStatus(error);
    if (status === 404 || status === 410) return undefined; // expired or not kept
    throw error;
  }
}
