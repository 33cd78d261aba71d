// The process runtime, for headless agents: the agent runs detached (it outlives a runner restart), its output
// goes to a file, its stdin is a named pipe the runner writes messages into, and a small wrapper records its
// exit status in a file so the runner learns it even if it was not running when the agent ended.
import { execFileSync, spawn } from "node:child_process";
import { closeSync, existsSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { open, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { RuntimeHandle } from "../daemon/runner-state.js";
import { type AgentStatus, type Runtime, RuntimeError, type StartSpec } from "./runtime.js";

type ProcessHandle = Extract<RuntimeHandle, { kind: "process" }>;

const quote = (value: string) => `'${value.replaceAll("'", "'\\''")}'`;

export function createProcessRuntime(): Runtime {
  const asProcess = (handle: RuntimeHandle): ProcessHandle => {
    if (handle.kind !== "process") throw new RuntimeError("not a process", { handle });
    return handle;
  };
  return {
    kind: "process",
    async start(spec: StartSpec) {
      const exitFile = join(spec.sessionDir, "exit-code");
      const outputFile = join(spec.sessionDir, "output.log");
      const wrapper = join(spec.sessionDir, "process.sh");
      const inputFifo = spec.stdin === "pipe" ? join(spec.sessionDir, "input.fifo") : undefined;
      if (inputFifo && !existsSync(inputFifo)) execFileSync("mkfifo", ["-m", "600", inputFifo]);
      // A respawn reuses the folder: the last run's exit code must not read as this one's.
      rmSync(exitFile, { force: true });
      // Opening the pipe read-write keeps a writer on it, so the agent never sees end-of-input between messages.
      writeFileSync(
        wrapper,
        [
          "#!/bin/sh",
          inputFifo ? `exec 0<>${quote(inputFifo)}` : "exec 0</dev/null",
          `sh ${quote(spec.script)}`,
          "code=$?",
          `printf '%s\\n' "$code" > ${quote(`${exitFile}.tmp`)} && mv ${quote(`${exitFile}.tmp`)} ${quote(exitFile)}`,
          'exit "$code"',
          "",
        ].join("\n"),
        { mode: 0o700 },
      );
      const out = openSync(outputFile, "a", 0o600);
      try {
        const child = spawn("sh", [wrapper], {
          cwd: spec.cwd,
          env: { ...process.env, ...spec.env },
          detached: true,
          stdio: ["ignore", out, out],
        });
        const pid = await new Promise<number>((resolve, reject) => {
          child.once("spawn", () => resolve(child.pid!));
          child.once("error", reject);
        });
        child.unref();
        return { kind: "process", pid, exitFile, outputFile, ...(inputFifo ? { inputFifo } : {}) };
      } finally {
        closeSync(out);
      }
    },
    async statuses(handles) {
      return handles.map((handle): AgentStatus => {
        const h = asProcess(handle);
        const code = readExitCode(h.exitFile);
        if (code !== undefined) return { alive: false, code };
        return isOurProcess(h) ? { alive: true } : { alive: false, code: null };
      });
    },
    async send(handle, message) {
      const h = asProcess(handle);
      if (!h.inputFifo) throw new RuntimeError("this agent takes no input while it runs", { pid: h.pid });
      if (!isOurProcess(h)) throw new RuntimeError("the agent's process is not running", { pid: h.pid });
      // Async, so a slow reader never blocks the daemon; the agent's own read end keeps the open from hanging.
      await writeFile(h.inputFifo, `${message}\n`, { flag: "a" });
      return { method: "stdin", enterPresses: 0 };
    },
    async capture(handle, lines) {
      const h = asProcess(handle);
      if (!existsSync(h.outputFile)) return [];
      const size = statSync(h.outputFile).size;
      const length = Math.min(size, 64 * 1024);
      const file = await open(h.outputFile, "r");
      try {
        const buffer = Buffer.alloc(length);
        await file.read(buffer, 0, length, size - length);
        return buffer
          .toString("utf8")
          .split("\n")
          .slice(-lines - 1)
          .filter((l, i, all) => i < all.length - 1 || l !== "");
      } finally {
        await file.close();
      }
    },
    async stop(handle) {
      const h = asProcess(handle);
      if (!isOurProcess(h)) return;
      signalGroup(h.pid, "SIGTERM");
      const deadline = Date.now() + 5_000;
      while (isOurProcess(h) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      if (isOurProcess(h)) signalGroup(h.pid, "SIGKILL");
    },
  };
}

function readExitCode(file: string): number | undefined {
  try {
    const text = readFileSync(file, "utf8").trim();
    return text === "" ? undefined : Number(text);
  } catch {
    return undefined;
  }
}

/** Alive and still our wrapper (a pid reused by something else after a reboot is not our agent). */
function isOurProcess(handle: ProcessHandle): boolean {
  try {
    process.kill(handle.pid, 0);
  } catch {
    return false;
  }
  const cmdline = `/proc/${handle.pid}/cmdline`;
  if (!existsSync("/proc/self")) return true;
  try {
    return readFileSync(cmdline, "utf8").includes(join(dirname(handle.exitFile), "process.sh"));
  } catch {
    return false;
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}
