// The runner daemon's cost at rest and its reporting latency, against `drover serve` on real Redis on loopback:
//  1. idle: CPU % (user + system time over wall time, from /proc) and RSS (sampled every 5 s) of a registered
//     `drover runner start` with no agent, over --duration seconds (the figure to quote is 300 s);
//  2. the same with --agents idle stand-in agents in tmux (the health monitor looks at them every 2 s);
//  3. event round trip: an agent's report into the runner's socket until the app's store shows it (p50/p99),
//     and one events POST of the protocol on its own.
//
//   node --import tsx bench/runner/bench-runner.ts [--duration 300] [--agents 1] [--reports 200]
//
// Linux only (reads /proc). Uses the built CLI: run `node scripts/build.mjs` first.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { runnerPaths } from "../../runner/config/paths.js";
import { saveRunnerConfig } from "../../runner/config/runner-config.js";
import { createAppClient, registerRunner } from "../../runner/daemon/app-client.js";
import { callDaemon } from "../../runner/local/control-client.js";
import { protocolVersion } from "../../src/protocol/version.js";
import { createRedisStore } from "../../src/store/create-redis-store.js";
import { gitRepo, killTmux, standInConfig, waitFor } from "../../test/runner/support/runner-stack.js";
import { droverBin } from "../../test/support/drover-cli.js";
import { freePort } from "../../test/support/free-port.js";
import { startRedisServer } from "../../test/support/redis-server.js";

const { values } = parseArgs({
  options: {
    duration: { type: "string", default: "300" },
    agents: { type: "string", default: "1" },
    reports: { type: "string", default: "200" },
  },
});
const durationMs = Number(values.duration) * 1000;
const agents = Number(values.agents);
const reports = Number(values.reports);
const clockTicks = 100; // USER_HZ on Linux

const root = mkdtempSync(join(tmpdir(), "drover-runner-bench-"));
const redis = await startRedisServer();
const port = await freePort();
const server = `http://127.0.0.1:${port}`;
const prefix = "bench-runner:";
const registrationToken = "bench-registration-token";
const children: ChildProcess[] = [];
const tmuxSocket = `drover-bench-${process.pid}`;

function start(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, [droverBin, ...args], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.resume();
  child.stderr?.resume();
  children.push(child);
  return child;
}

function cpuTicks(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return Number(fields[11]) + Number(fields[12]); // utime + stime
}
function rssKb(pid: number): number {
  return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
}
function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function measureIdle(pid: number, label: string): Promise<void> {
  const samples: number[] = [];
  const t0 = Date.now();
  const c0 = cpuTicks(pid);
  while (Date.now() - t0 < durationMs) {
    samples.push(rssKb(pid));
    await new Promise((r) => setTimeout(r, Math.min(5_000, durationMs / 4)));
  }
  const wall = (Date.now() - t0) / 1000;
  const cpu = (cpuTicks(pid) - c0) / clockTicks;
  const avg = samples.reduce((a, b) => a + b, 0) / samples.length / 1024;
  console.log(
    `${label}: CPU ${((cpu / wall) * 100).toFixed(3)} % of one core over ${wall.toFixed(0)} s (${cpu.toFixed(2)} s of CPU); ` +
      `RSS avg ${avg.toFixed(1)} MB, max ${(Math.max(...samples) / 1024).toFixed(1)} MB`,
  );
}

try {
  const app = start(["serve", "--host", "127.0.0.1"], {
    PORT: String(port),
    REDIS_URL: redis.url,
    DROVER_KEY_PREFIX: prefix,
    DROVER_REGISTRATION_TOKEN: registrationToken,
    LOG_LEVEL: "warn",
  });
  await waitFor(async () => (await fetch(`${server}/api/health`)).ok, "drover serve");
  const repo = join(root, "repo");
  gitRepo(repo, standInConfig());
  const configDir = join(root, "config");
  const dataDir = join(root, "data");
  const standInOut = join(root, "out");
  mkdirSync(standInOut);
  const reply = await registerRunner(server, registrationToken, {
    protocol: protocolVersion,
    name: "bench",
    repos: ["acme/demo"],
  });
  // The runner's default tuning: what a user's idle runner does.
  saveRunnerConfig(
    {
      version: 1,
      server,
      runnerId: reply.runnerId,
      token: reply.token,
      name: "bench",
      capacity: Math.max(2, agents + 1),
      repos: { "acme/demo": repo },
      tmuxSocket,
    },
    join(configDir, "runner.json"),
  );
  const env = {
    DROVER_CONFIG_DIR: configDir,
    DROVER_DATA_DIR: dataDir,
    STANDIN_OUT: standInOut,
    LOG_LEVEL: "warn" as const,
    GIT_AUTHOR_NAME: "b",
    GIT_AUTHOR_EMAIL: "b@b",
    GIT_COMMITTER_NAME: "b",
    GIT_COMMITTER_EMAIL: "b@b",
  };
  const runner = start(["runner", "start"], env);
  const socket = runnerPaths(dataDir).socket;
  await waitFor(
    async () => (await callDaemon(socket, "GET", "/v1/status")) !== undefined,
    "the runner daemon",
  );
  console.log(
    `machine: ${cpus().length} cores, load ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}; runner pid ${runner.pid}`,
  );

  await new Promise((r) => setTimeout(r, 3_000)); // let start-up settle
  await measureIdle(runner.pid!, "idle runner, no agents");

  const store = createRedisStore({ url: redis.url, prefix });
  const sessions: string[] = [];
  for (let i = 0; i < Math.max(1, agents); i++) {
    const res = await fetch(`${server}/api/runner/admin/sessions`, {
      method: "POST",
      headers: { authorization: `Bearer ${registrationToken}`, "content-type": "application/json" },
      body: JSON.stringify({
        protocol: protocolVersion,
        repo: "acme/demo",
        issue: { number: i + 1, title: `Bench ${i + 1}` },
        agent: "custom",
      }),
    });
    sessions.push(((await res.json()) as { sessionId: string }).sessionId);
  }
  for (const id of sessions)
    await waitFor(
      async () => (await store.getSession(id))?.state === "needs_input",
      `agent ${id} to wait for input`,
      60_000,
    );
  if (agents > 0)
    await measureIdle(runner.pid!, `idle runner, ${agents} idle agent${agents === 1 ? "" : "s"} in tmux`);

  const sessionId = sessions[0]!;
  const latencies: number[] = [];
  for (let i = 0; i < reports; i++) {
    const t = performance.now();
    await callDaemon(socket, "POST", "/v1/report", { sessionId, status: "working", message: `bench ${i}` });
    const want = `agent reports working: bench ${i}`;
    for (;;) {
      if ((await store.readLog(sessionId, 4)).some((e) => e.summary === want)) break;
      await new Promise((r) => setTimeout(r, 1));
    }
    latencies.push(performance.now() - t);
  }
  latencies.sort((a, b) => a - b);
  console.log(
    `event round trip (agent report → runner → app → visible in Redis), ${reports} sequential: ` +
      `p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms, max ${latencies.at(-1)!.toFixed(1)} ms`,
  );

  // One protocol request alone: a one-event batch POSTed and answered.
  const client = createAppClient(server, reply.token);
  const posts: number[] = [];
  for (let i = 0; i < reports; i++) {
    const t = performance.now();
    await client.events({
      protocol: protocolVersion,
      stream: "bench-direct",
      events: [{ seq: i + 1, at: Date.now(), type: "agent.activity", sessionId, detail: `direct ${i}` }],
    });
    posts.push(performance.now() - t);
  }
  posts.sort((a, b) => a - b);
  console.log(
    `events POST alone (one event per batch): p50 ${percentile(posts, 50).toFixed(1)} ms, p99 ${percentile(posts, 99).toFixed(1)} ms`,
  );
  await store.close();
  void app;
} finally {
  for (const child of children.reverse()) {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await exited;
    }
  }
  await killTmux(tmuxSocket);
  await redis.stop();
  rmSync(root, { recursive: true, force: true });
}
