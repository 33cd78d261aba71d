// An AgentLauncher on any AgentRuntime: writes the agent's prompt and wrapper script, starts it, and learns how
// it ended from its files — so waiting works the same for an agent this process started and for one it found
// running after a restart.
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { setTimeout as sleep } from "node:timers/promises";
import { z } from "zod";
import { agentCommandLine, agentKind } from "./agent-command.js";
import { agentFiles } from "./agent-files.js";
import type { AgentExit, AgentLauncher } from "./agent-launcher.js";
import type { AgentRuntime } from "./agent-runtime.js";
import { agentWrapperScript } from "./agent-wrapper.js";
import type { AgentHandle } from "./convoy-state.js";
import { readAgentResult } from "./read-agent-result.js";

export interface LauncherOptions {
  /** The Claude Code binary; `claude` on PATH by default. */
  claudeBin?: string;
  /** The environment agents start with (default: this process's); each request may add to it. */
  baseEnv?: NodeJS.ProcessEnv;
  /** How often a waiting launcher looks at the agent's files. */
  pollMs?: number;
}

const agentKindSchema = z.enum(["claude", "command"]).catch("claude");

export function createAgentLauncher(runtime: AgentRuntime, options: LauncherOptions = {}): AgentLauncher {
  const pollMs = options.pollMs ?? 200;
  return {
    runtime: runtime.kind,
    async launch(request) {
      const files = agentFiles(request.dir);
      await mkdir(request.dir, { recursive: true });
      // A relaunch (synthesize again) must not read the previous run's exit code or output.
      await Promise.all(
        [files.exitCode, `${files.exitCode}.tmp`, files.stdout, files.stderr, request.outputFile].map((f) =>
          rm(f, { force: true }),
        ),
      );
      await writeFile(files.prompt, request.prompt);
      const commandLine = agentCommandLine(request, files, options.claudeBin);
      await writeFile(files.script, agentWrapperScript(request, files, commandLine), { mode: 0o700 });
      const extraEnv = request.env ?? {};
      const where = await runtime.start({
        convoyId: request.convoyId,
        role: request.role,
        script: files.script,
        cwd: request.cwd,
        env: { ...definedEnv(options.baseEnv ?? process.env), ...extraEnv },
        extraEnv,
      });
      return { ...where, runtime: runtime.kind, dir: request.dir, agent: agentKind(request) };
    },

    async wait(handle, { timeoutMs, signal }) {
      const files = agentFiles(handle.dir);
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const code = await readExitCode(files.exitCode);
        if (code !== undefined) return exited(handle, code);
        if (signal?.aborted) return { outcome: "stopped" };
        if (!(await runtime.isAlive(handle))) {
          // It may have written its exit code between the two looks.
          const late = await readExitCode(files.exitCode);
          if (late !== undefined) return exited(handle, late);
          return { outcome: "lost", error: "the agent ended without an exit code (killed from outside?)" };
        }
        const left = deadline - Date.now();
        if (left <= 0) return { outcome: "timed_out" };
        try {
          await sleep(Math.min(pollMs, left), undefined, signal ? { signal } : undefined);
        } catch {
          // aborted: the next look returns "stopped"
        }
      }
    },

    stop: (handle) => runtime.stop(handle),
    ...(runtime.release ? { release: (convoyId: string) => runtime.release!(convoyId) } : {}),
  };
}

async function exited(handle: AgentHandle, exitCode: number): Promise<AgentExit> {
  const files = agentFiles(handle.dir);
  const stdout = await readFile(files.stdout, "utf8").catch(() => "");
  const result = readAgentResult(agentKindSchema.parse(handle.agent), stdout);
  let error = result.error;
  if (exitCode !== 0) {
    const stderr = (await readFile(files.stderr, "utf8").catch(() => "")).trim();
    const said = stderr ? `: ${stderr.slice(-400)}` : result.error ? `: ${result.error}` : "";
    error = `exited with code ${exitCode}${said}`;
  }
  return {
    outcome: "exited",
    exitCode,
    ...(result.text ? { resultText: result.text } : {}),
    ...(error ? { error } : {}),
    ...(result.costUsd === undefined ? {} : { costUsd: result.costUsd }),
  };
}

async function readExitCode(path: string): Promise<number | undefined> {
  try {
    const text = (await readFile(path, "utf8")).trim();
    const code = Number.parseInt(text, 10);
    return Number.isNaN(code) ? undefined : code;
  } catch {
    return undefined;
  }
}

function definedEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));
}
