// Agents as plain processes (the Action, headless runs): each wrapper script leads its own process group, so a
// stop ends the agent and everything it started, and the agent outlives this process if it must (a restart).
import { spawn } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import { z } from "zod";
import type { AgentRuntime } from "./agent-runtime.js";

const handleSchema = z.looseObject({ pid: z.number().int().positive() });

/** How long a stopped agent gets to exit on SIGTERM before SIGKILL. */
const graceMs = 3_000;

export function createProcessRuntime(): AgentRuntime {
  return {
    kind: "process",
    start({ script, cwd, env }) {
      return new Promise((resolve, reject) => {
        const child = spawn("/bin/sh", [script], { cwd, env, detached: true, stdio: "ignore" });
        child.once("error", reject);
        child.once("spawn", () => {
          child.unref();
          resolve({ pid: child.pid! });
        });
      });
    },
    async isAlive(handle) {
      return processAlive(handleSchema.parse(handle).pid);
    },
    async stop(handle) {
      const { pid } = handleSchema.parse(handle);
      if (!signalGroup(pid, "SIGTERM")) return;
      const deadline = Date.now() + graceMs;
      while (Date.now() < deadline) {
        if (!processAlive(pid)) return;
        await sleep(50);
      }
      signalGroup(pid, "SIGKILL");
    },
  };
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

// The group goes too: the agent's tools (a test run, a build) must not outlive a stopped agent.
function signalGroup(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    try {
      process.kill(pid, signal);
      return true;
    } catch {
      return false;
    }
  }
}
