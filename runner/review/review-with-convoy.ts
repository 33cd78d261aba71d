// The review job on this runner: the pull request's head in a worktree of its own, the code-review convoy (or
// the template the job names) on the files it changes, each agent in tmux, progress reported as it goes, and
// the result — findings, report, figures — sent to the app, which posts the one PR review.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { InvalidInputError } from "../../src/config/format-issues.js";
import { createAgentLauncher } from "../../src/convoy/create-agent-launcher.js";
import { createConvoyState, newConvoyId } from "../../src/convoy/create-convoy.js";
import { createFileConvoyStore } from "../../src/convoy/file-convoy-store.js";
import { loadTemplateCatalog } from "../../src/convoy/load-templates.js";
import { resolveConvoy, UnknownTemplateError } from "../../src/convoy/resolve-convoy.js";
import { runConvoy } from "../../src/convoy/run-convoy.js";
import { runnerConfigDir } from "../config/paths.js";
import { createConvoyTmuxRuntime } from "../convoy/tmux-agent-runtime.js";
import { JobError } from "../daemon/daemon-context.js";
import type { ReviewJob, ReviewJobIo } from "../daemon/jobs/review.js";
import { git } from "../workspaces/git.js";
import { checkOutPullRequest } from "./check-out-pull-request.js";
import { progressReporter } from "./convoy-progress.js";
import { convoyResultBody } from "./convoy-result-body.js";
import { pullRequestUrl } from "./pull-request-url.js";
import { reviewRef, reviewsDir, stopOrphanedReviews } from "./stop-orphaned-reviews.js";

export async function reviewWithConvoy(job: ReviewJob, io: ReviewJobIo): Promise<string> {
  // Templates from the runner's own checkout and config, never from the pull request: a PR must not choose the
  // commands that run on this machine.
  const catalog = await loadTemplateCatalog({ repoDir: io.repoPath, userDir: runnerConfigDir(io.env) });
  let convoy: ReturnType<typeof resolveConvoy>;
  try {
    convoy = resolveConvoy(catalog, job.template);
  } catch (error) {
    if (error instanceof UnknownTemplateError || error instanceof InvalidInputError)
      throw new JobError(error.message);
    throw error;
  }
  const store = createFileConvoyStore(join(io.dataDir, "convoys"));
  await stopOrphanedReviews(store, io.dataDir, io.log);
  const id = newConvoyId(convoy.name);
  const checkout = await checkOutPullRequest({
    repoPath: io.repoPath,
    pr: job.pr,
    dir: join(reviewsDir(io.dataDir), id),
    ref: reviewRef(id),
    log: io.log,
  });
  try {
    const short = checkout.headSha.slice(0, 7);
    if (checkout.files.length === 0)
      throw new JobError(
        `pull request #${job.pr} at ${short} changes no file that still exists; nothing to review`,
      );
    const origin = await git(io.repoPath, ["remote", "get-url", "origin"]).catch(() => "");
    const state = createConvoyState({
      convoy,
      inputs: { files: checkout.files, prUrl: pullRequestUrl(origin.trim(), job.repo, job.pr) },
      cwd: checkout.path,
      runtime: "tmux",
      dirFor: store.convoyDir,
      id,
    });
    await store.save(state);
    io.log.info(
      { convoyId: id, repo: job.repo, pr: job.pr, files: checkout.files.length },
      "review convoy started",
    );
    io.progress({
      convoyId: id,
      status: "running",
      message: `${checkout.files.length} file(s) of #${job.pr} at ${short}`,
    });
    const launcher = createAgentLauncher(createConvoyTmuxRuntime(), {
      claudeBin: io.config.agents.claudeCommand,
      baseEnv: io.env,
    });
    const final = await runConvoy(state, { launcher, store, onUpdate: progressReporter(io.progress) });
    const report = await readFile(final.result!.reportFile!, "utf8");
    io.result(convoyResultBody(final, report, checkout.headSha));
    const found = final.result!.findings.length;
    return `convoy ${id} ${final.status} with ${found} finding${found === 1 ? "" : "s"} on ${job.repo}#${job.pr} at ${short}; the app posts the review`;
  } finally {
    await checkout.remove();
  }
}
