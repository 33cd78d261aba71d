// The convoy engine: runs the phases in order, the agents of a phase in parallel, each to its exit or its time
// limit, saving the state at every step. Started fresh or on a state left by a process that died (agents still
// running are waited for, finished ones kept, pending ones started). A failed agent makes the convoy partial;
// the phases after it still run on what exists. A stop request ends every agent and the run.
import { mkdir, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";
import { formatDuration } from "../config/duration.js";
import { agentFiles } from "./agent-files.js";
import type { AgentLauncher } from "./agent-launcher.js";
import { type ConvoyAgent, type ConvoyState, type ConvoyStatus, isFinished } from "./convoy-state.js";
import type { ConvoyStore } from "./convoy-store.js";
import { outputInstructions } from "./output-instructions.js";
import { promptValues } from "./prompt-values.js";
import { renderPrompt } from "./prompt-variables.js";
import { readAgentOutput } from "./read-agent-output.js";
import { renderReport } from "./render-report.js";
import { summarizeConvoy } from "./summarize-convoy.js";

export interface RunConvoyOptions {
  launcher: AgentLauncher;
  store: ConvoyStore;
  /** Extra environment for one agent (its own model endpoint, say). */
  agentEnv?: (agent: ConvoyAgent) => Record<string, string> | undefined;
  /** Called with a copy of the state after every change (progress display). */
  onUpdate?: (state: ConvoyState) => void;
  /** Aborting stops the convoy like `drover convoy stop`. */
  signal?: AbortSignal;
  now?: () => Date;
  /** How often the engine looks for a stop request from another process. */
  stopPollMs?: number;
}

export async function runConvoy(initial: ConvoyState, options: RunConvoyOptions): Promise<ConvoyState> {
  const { launcher, store } = options;
  const now = () => (options.now?.() ?? new Date()).toISOString();
  const state: ConvoyState = structuredClone(initial);
  const stopping = new AbortController();
  const abort = () => stopping.abort();
  options.signal?.addEventListener("abort", abort, { once: true });
  if (options.signal?.aborted) abort();

  let saving: Promise<void> = Promise.resolve();
  const commit = (change: (s: ConvoyState) => void): Promise<void> => {
    change(state);
    state.updatedAt = now();
    const snapshot = structuredClone(state);
    saving = saving.then(() => store.save(snapshot));
    options.onUpdate?.(structuredClone(snapshot));
    return saving;
  };
  const agentCommit = (role: string, change: Partial<ConvoyAgent>) =>
    commit((s) => {
      const agent = s.agents.find((a) => a.role === role)!;
      Object.assign(agent, change);
    });

  await commit((s) => {
    s.status = "running";
    s.owner = { pid: process.pid, host: hostname() };
    delete s.finishedAt;
    delete s.result;
  });
  const watch = setInterval(() => {
    // A failed look (a busy disk) is no stop request; the next look tries again.
    void store.stopRequested(state.id).then(
      (requested) => requested && abort(),
      () => undefined,
    );
  }, options.stopPollMs ?? 300);

  async function runAgent(role: string): Promise<void> {
    const agent = state.agents.find((a) => a.role === role)!;
    if (isFinished(agent)) return;
    const dir = join(state.dir, role);
    const outputFile = agentFiles(dir).output;
    if (agent.status === "pending") {
      if (stopping.signal.aborted) return;
      const instructions = outputInstructions(agent.output);
      const prompt = renderPrompt(agent.prompt, promptValues(state, agent, outputFile));
      await mkdir(dir, { recursive: true });
      try {
        const handle = await launcher.launch({
          convoyId: state.id,
          role,
          prompt: instructions ? `${prompt.trimEnd()}\n\n${instructions}\n` : prompt,
          cwd: state.cwd,
          ...(agent.model ? { model: agent.model } : {}),
          tools: agent.tools,
          ...(agent.command ? { command: agent.command } : {}),
          dir,
          outputFile,
          env: options.agentEnv?.(agent) ?? {},
        });
        const startedAt = options.now?.() ?? new Date();
        await agentCommit(role, {
          status: "running",
          handle,
          startedAt: startedAt.toISOString(),
          deadline: new Date(startedAt.getTime() + agent.timeoutMs).toISOString(),
        });
      } catch (error) {
        await agentCommit(role, {
          status: "failed",
          error: `could not start: ${(error as Error).message}`,
          finishedAt: now(),
        });
        return;
      }
    }

    const handle = agent.handle!;
    const left = Date.parse(agent.deadline ?? now()) - (options.now?.() ?? new Date()).getTime();
    const exit = await launcher.wait(handle, { timeoutMs: Math.max(0, left), signal: stopping.signal });
    // A stop from another process may kill the agent before this one has seen the request: look, so an agent
    // that died of the stop is recorded as stopped, not failed.
    if (!stopping.signal.aborted && (await store.stopRequested(state.id).catch(() => false))) abort();
    if (exit.outcome === "exited" && (exit.exitCode === 0 || !stopping.signal.aborted)) {
      const outcome = await readAgentOutput(agent, exit, outputFile);
      await agentCommit(role, { ...outcome, finishedAt: now() });
      return;
    }
    await launcher.stop(handle);
    if (stopping.signal.aborted) {
      await agentCommit(role, { status: "stopped", error: "stopped by request", finishedAt: now() });
    } else if (exit.outcome === "timed_out") {
      await agentCommit(role, {
        status: "timed_out",
        error: `did not finish within ${formatDuration(agent.timeoutMs)}`,
        finishedAt: now(),
      });
    } else {
      const error = exit.outcome === "lost" ? exit.error : "stopped";
      await agentCommit(role, { status: "failed", error, finishedAt: now() });
    }
  }

  try {
    for (const phase of state.phases) {
      if (stopping.signal.aborted) break;
      await Promise.all(phase.map(runAgent));
    }
  } finally {
    clearInterval(watch);
    options.signal?.removeEventListener("abort", abort);
  }
  await commit((s) => {
    for (const agent of s.agents) {
      if (agent.status === "pending")
        Object.assign(agent, { status: "stopped", error: "never started: stopped" });
    }
  });
  await finishConvoy(state, store, { stopped: stopping.signal.aborted, now: now() });
  await store.clearStopRequest(state.id);
  await launcher.release?.(state.id);
  options.onUpdate?.(structuredClone(state));
  return state;
}

/**
 * Ends a convoy whose agents are all done: computes the result, writes report.md, decides the status and
 * saves. Used by the engine and by `stop` when the process that ran the convoy is gone.
 */
export async function finishConvoy(
  state: ConvoyState,
  store: ConvoyStore,
  options: { stopped: boolean; now: string },
): Promise<ConvoyState> {
  state.status = convoyStatus(state, options.stopped);
  state.finishedAt = options.now;
  state.updatedAt = options.now;
  delete state.owner;
  const result = summarizeConvoy(state);
  const reportFile = join(state.dir, "report.md");
  await mkdir(state.dir, { recursive: true });
  await writeFile(reportFile, renderReport(state, result));
  state.result = { ...result, reportFile };
  await store.save(state);
  return state;
}

function convoyStatus(state: ConvoyState, stopped: boolean): ConvoyStatus {
  if (stopped) return "stopped";
  const succeeded = state.agents.filter((a) => a.status === "succeeded").length;
  if (succeeded === state.agents.length) return "completed";
  return succeeded === 0 ? "failed" : "partial";
}
