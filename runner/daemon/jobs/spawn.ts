// The spawn job: a workspace on the session's branch, the agent's config and the runner's note in it, then the
// agent started with the issue's prompt. A respawn (recovery) reuses the workspace and starts a new agent with
// the recovery prompt. A repeated delivery of a spawn that already runs does not start a second agent.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { RunnerJob } from "../../../src/protocol/jobs.js";
import { shellQuote } from "../../../src/shared/shell-quote.js";
import { agentFor } from "../../agents/agent-for.js";
import { agentNote, writeAgentNote } from "../../agents/agent-note.js";
import { type WorkspaceLink, workspaceLinkFile } from "../../local/workspace-link.js";
import { baseRef } from "../../workspaces/base-ref.js";
import { excludeFromGit } from "../../workspaces/exclude-from-git.js";
import { linkFromCheckout, runPostCreate } from "../../workspaces/prepare-workspace.js";
import { readRepoConfig } from "../../workspaces/read-repo-config.js";
import { createWorkspace } from "../../workspaces/workspace.js";
import { type DaemonContext, JobError, runtimeFor } from "../daemon-context.js";
import { hookCommand, writeDroverShim } from "../install-paths.js";
import type { LocalSession } from "../runner-state.js";

type SpawnJob = Extract<RunnerJob, { kind: "spawn" }>;

/** This runner's checkout of the repo; a job for a repo it has none of cannot be done here. */
export function requireRepoPath(ctx: DaemonContext, repo: string): string {
  const key = Object.keys(ctx.config.repos).find((r) => r.toLowerCase() === repo.toLowerCase());
  if (key === undefined)
    throw new JobError(
      `this runner has no checkout of ${repo}; add one with \`drover runner register --repo ${repo}=<path>\``,
    );
  return ctx.config.repos[key]!;
}

export async function spawnAgent(ctx: DaemonContext, job: SpawnJob): Promise<string> {
  const repoPath = requireRepoPath(ctx, job.repo);
  const existing = ctx.state.get(job.sessionId);
  if (existing?.status === "running") {
    const runtime = runtimeFor(ctx, existing.handle);
    const [status] = await runtime.statuses([existing.handle]);
    if (status?.alive) {
      if (!job.recovery) {
        ctx.reports.emit({ type: "agent.spawned", sessionId: job.sessionId });
        return "the agent was already running (an earlier delivery of this job started it)";
      }
      await runtime.stop(existing.handle);
    }
  }

  const adapter = agentFor(job.agent);
  const base = await baseRef(repoPath, ctx.log);
  const repoConfig = await readRepoConfig(repoPath, base);
  const runtimeKind = adapter.interactive ? "tmux" : repoConfig.runtime;
  if (adapter.interactive && repoConfig.runtime === "process")
    ctx.log.warn(
      { agent: adapter.name },
      "this agent needs a terminal; it runs in tmux although the repo asks for process",
    );
  const workspace = await createWorkspace(
    {
      kind: repoConfig.workspace.kind,
      repo: job.repo,
      repoPath,
      branch: job.branch,
      base,
      root: ctx.paths.workspaces,
    },
    ctx.log,
  );
  const sessionDir = ctx.paths.session(job.sessionId);
  mkdirSync(sessionDir, { recursive: true, mode: 0o700 });
  const binDir = writeDroverShim(ctx.paths.bin);
  const env: Record<string, string> = {
    DROVER_SESSION_ID: job.sessionId,
    DROVER_RUNNER_SOCKET: ctx.paths.socket,
    PATH: `${binDir}:${ctx.env.PATH ?? "/usr/bin:/bin"}`,
  };
  if (workspace.created) {
    await linkFromCheckout(repoPath, workspace.path, repoConfig.workspace.symlinks, ctx.log);
    await runPostCreate(
      workspace.path,
      repoConfig.workspace.postCreate,
      join(sessionDir, "post-create.log"),
      env,
    );
  }

  // `drover report` from any shell in the workspace finds its runner and session here.
  mkdirSync(join(workspace.path, ".drover"), { recursive: true });
  writeFileSync(
    join(workspace.path, workspaceLinkFile),
    `${JSON.stringify({ sessionId: job.sessionId, socket: ctx.paths.socket, spool: ctx.paths.hookSpool } satisfies WorkspaceLink, null, 2)}\n`,
  );
  await excludeFromGit(workspace.path, [".drover/"]);
  await writeAgentNote(
    workspace.path,
    adapter.noteFile,
    agentNote(job.sessionId, job.issue.title, job.issue.url),
  );

  const promptFile = join(sessionDir, "prompt.md");
  writeFileSync(promptFile, job.prompt, { mode: 0o600 });
  const launchCtx = {
    sessionId: job.sessionId,
    workspace: workspace.path,
    prompt: job.prompt,
    promptFile,
    ...(job.model ? { model: job.model } : {}),
    repoConfig,
    runner: ctx.config,
    hookCommand: hookCommand(ctx.paths.socket, job.sessionId, ctx.paths.hookSpool),
    env: ctx.env,
  };
  const written = await adapter.prepare(launchCtx);
  if (written.length > 0) await excludeFromGit(workspace.path, written);
  const launch = adapter.launch(launchCtx);
  const script = join(sessionDir, "run.sh");
  // The variables again in the script: tmux takes PATH from its client, whatever new-session -e says.
  const exports = Object.entries(env).map(([k, v]) =>
    k === "PATH" ? `export PATH=${shellQuote(binDir)}:"$PATH"` : `export ${k}=${shellQuote(v)}`,
  );
  writeFileSync(
    script,
    [
      "#!/bin/sh",
      `cd ${shellQuote(workspace.path)} || exit 127`,
      ...exports,
      `exec ${launch.command}`,
      "",
    ].join("\n"),
    {
      mode: 0o700,
    },
  );

  const runtime = runtimeKind === "tmux" ? ctx.runtimes.tmux : ctx.runtimes.process;
  const started = ctx.state.starting(job.sessionId);
  let handle: Awaited<ReturnType<typeof runtime.start>>;
  try {
    handle = await runtime.start({
      sessionId: job.sessionId,
      cwd: workspace.path,
      script,
      env,
      sessionDir,
      stdin: launch.stdin,
    });
  } catch (error) {
    started();
    throw error;
  }
  const session: LocalSession = {
    sessionId: job.sessionId,
    repo: job.repo,
    issueKey: job.issue.key,
    ...(job.issue.number ? { issueNumber: job.issue.number } : {}),
    branch: job.branch,
    agent: job.agent,
    ...(job.model ? { model: job.model } : {}),
    repoPath,
    workspace: workspace.path,
    workspaceKind: repoConfig.workspace.kind,
    handle,
    status: "running",
    startedAt: Date.now(),
    needsInputReported: false,
    waiting: false,
  };
  ctx.state.put(session);
  ctx.reports.emit({ type: "agent.spawned", sessionId: job.sessionId });
  started();
  if (launch.prompt === "typed") {
    await runtime.send(handle, job.prompt, adapter.probe, ctx.config.tuning.readyTimeoutMs);
  }
  ctx.log.info(
    { sessionId: job.sessionId, workspace: workspace.path, runtime: runtimeKind, agent: job.agent },
    "agent started",
  );
  return `${job.recovery ? "respawned" : "started"} ${job.agent} in ${runtimeKind} in ${workspace.path}`;
}
