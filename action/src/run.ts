// The Action: reads its inputs and the pull request, refuses forks unless allowed, runs the convoy with headless
// Claude agents as processes, writes the report to the job summary, posts one review, sets the outputs and
// fails the step at the configured severity.
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as core from "@actions/core";
import { Octokit } from "@octokit/rest";
import type { ConvoyState } from "../../src/convoy/convoy-state.js";
import { createAgentLauncher } from "../../src/convoy/create-agent-launcher.js";
import { createConvoyState } from "../../src/convoy/create-convoy.js";
import { createFileConvoyStore } from "../../src/convoy/file-convoy-store.js";
import { listFiles } from "../../src/convoy/list-files.js";
import { loadTemplateCatalog } from "../../src/convoy/load-templates.js";
import { listPullRequestFiles, postConvoyReview } from "../../src/convoy/post-review.js";
import { createProcessRuntime } from "../../src/convoy/process-runtime.js";
import { resolveConvoy } from "../../src/convoy/resolve-convoy.js";
import { runConvoy } from "../../src/convoy/run-convoy.js";
import { atOrAbove, severities } from "../../src/convoy/severity.js";
import { templateSources } from "../../src/convoy/template-sources.js";
import { agentEnv } from "./agent-env.js";
import { findOnPath } from "./find-on-path.js";
import { readInputs } from "./inputs.js";
import { readPullRequestEvent } from "./pull-request-event.js";

export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  try {
    await review(env);
  } catch (error) {
    core.setFailed(error instanceof Error ? error.message : String(error));
  }
}

async function review(env: NodeJS.ProcessEnv): Promise<void> {
  const inputs = readInputs();
  const pr = await readPullRequestEvent(env);
  if (pr.fromFork && !inputs.allow_forks) {
    core.setFailed(
      `Not reviewing ${pr.url}: it comes from the fork ${pr.headRepo}, and the agents would read its untrusted code ` +
        "while holding your model credentials. Set allow_forks: true to review forks anyway (see docs/action.md).",
    );
    return;
  }
  const workspace = env.GITHUB_WORKSPACE ?? process.cwd();
  const agentEnvironment = agentEnv(env, inputs);
  // Built-in templates and the repository's .github/drover; a CI machine has no user config of its own.
  const sources = templateSources({ repoDir: workspace }).filter((s) => s.origin !== "user");
  const templateCatalog = await loadTemplateCatalog({ sources });
  const convoy = resolveConvoy(templateCatalog, inputs.template, {
    ...(inputs.model ? { model: inputs.model } : {}),
    models: inputs.models,
    timeoutMs: inputs.timeout,
  });
  if (convoy.agents.some((a) => !a.command) && !findOnPath("claude", agentEnvironment.PATH)) {
    throw new Error(
      "Claude Code (`claude`) is not on PATH. Add a step before this one: `npm install -g @anthropic-ai/claude-code`.",
    );
  }

  const github = new Octokit({
    auth: inputs.github_token,
    baseUrl: env.GITHUB_API_URL ?? "https://api.github.com",
    userAgent: "drover-convoy-action",
  });
  const pullFiles = await listPullRequestFiles(github, pr.owner, pr.repo, pr.number);
  let files = pullFiles.filter((f) => f.status !== "removed").map((f) => f.filename);
  if (inputs.files.length > 0) {
    const matching = new Set(await listFiles(workspace, inputs.files));
    files = files.filter((f) => matching.has(f));
  }
  if (files.length === 0) {
    core.notice(
      `No changed files${inputs.files.length > 0 ? ` match ${inputs.files.join(", ")}` : ""}; nothing to review.`,
    );
    setCountOutputs(undefined);
    return;
  }

  const store = createFileConvoyStore(join(env.RUNNER_TEMP ?? tmpdir(), "drover-convoys"));
  const state = createConvoyState({
    convoy,
    inputs: {
      files,
      prUrl: pr.url,
      ...(inputs.files.length > 0 ? { filesGlob: inputs.files.join(" ") } : {}),
    },
    cwd: workspace,
    runtime: "process",
    dirFor: store.convoyDir,
  });
  await store.save(state);
  core.info(`Convoy ${state.id}: ${convoy.agents.map((a) => a.role).join(", ")} on ${files.length} file(s)`);
  const launcher = createAgentLauncher(createProcessRuntime(), { baseEnv: agentEnvironment });
  // A cancelled job ends the agents too: they run in process groups of their own.
  const cancelled = new AbortController();
  const cancel = () => cancelled.abort();
  process.once("SIGTERM", cancel);
  process.once("SIGINT", cancel);
  const final = await runConvoy(state, {
    launcher,
    store,
    onUpdate: logChanges(),
    signal: cancelled.signal,
  }).finally(() => {
    process.off("SIGTERM", cancel);
    process.off("SIGINT", cancel);
  });
  const result = final.result!;

  const report = await readFile(result.reportFile!, "utf8");
  if (env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(report).write();
  setCountOutputs(final);
  core.setOutput("status", final.status);
  core.setOutput("report_path", result.reportFile);

  if (inputs.post_review) {
    const runUrl =
      env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID
        ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`
        : undefined;
    const posted = await postConvoyReview(github, {
      owner: pr.owner,
      repo: pr.repo,
      pullNumber: pr.number,
      headSha: pr.headSha,
      files: pullFiles,
      result,
      context: {
        convoyId: final.id,
        template: final.template,
        status: final.status,
        ...(runUrl ? { reportUrl: runUrl } : {}),
      },
      log: (message) => core.info(message),
    });
    if (posted.summaryReviewId) core.setOutput("review_id", posted.summaryReviewId);
  }

  if (final.status === "failed") {
    core.setFailed(
      `No agent of ${final.id} finished: ${result.missing.map((m) => `${m.role}: ${m.reason}`).join("; ")}`,
    );
    return;
  }
  if (inputs.fail_on !== "never") {
    const threshold = inputs.fail_on;
    const blocking = result.findings.filter((f) => atOrAbove(f.severity, threshold)).length;
    if (blocking > 0)
      core.setFailed(`${blocking} finding(s) at ${threshold} or worse (fail_on: ${threshold})`);
  }
}

function setCountOutputs(state: ConvoyState | undefined): void {
  for (const severity of severities) core.setOutput(severity, state?.result?.counts[severity] ?? 0);
  core.setOutput("total", state?.result?.findings.length ?? 0);
}

// One log line per agent status change: the job log is a plain text stream.
function logChanges(): (state: ConvoyState) => void {
  const seen = new Map<string, string>();
  return (state) => {
    for (const agent of state.agents) {
      if (seen.get(agent.role) === agent.status) continue;
      seen.set(agent.role, agent.status);
      if (agent.status === "pending") continue;
      const detail =
        agent.status === "succeeded" && agent.output === "findings"
          ? ` (${agent.findings?.length ?? 0} findings)`
          : agent.error
            ? `: ${agent.error.split("\n")[0]}`
            : "";
      core.info(`${agent.role}: ${agent.status.replace("_", " ")}${detail}`);
    }
  };
}
