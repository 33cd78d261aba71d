// Starts a real redis-server for the tests on a free loopback port, without persistence, and stops it by PID.
import { spawn, spawnSync } from "node:child_process";
import { createConnection } from "node:net";
import { freePort } from "./free-port.js";

export interface RunningRedis {
  url: string;
  port: number;
  pid: number;
  stop(): Promise<void>;
}

const installHint =
  "redis-server is not installed. The store tests run against a real Redis: install it with " +
  "`sudo apt-get install -y redis-server` (Debian/Ubuntu) or `brew install redis` (macOS), then run the tests again.";

export async function startRedisServer(): Promise<RunningRedis> {
  const found = spawnSync("redis-server", ["--version"], { encoding: "utf8" });
  if (found.error) throw new Error(installHint);
  const port = await freePort();
  const child = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--databases", "64"],
    { stdio: "ignore", detached: false },
  );
  const pid = child.pid;
  if (!pid) throw new Error("redis-server did not start");
  await waitForPort(port, 10_000);
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    pid,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        process.kill(pid, "SIGTERM");
      }),
  };
}

async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ port, host: "127.0.0.1" }, () => {
        socket.end();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`redis-server did not accept connections on port ${port} within ${timeoutMs} ms`);
}
