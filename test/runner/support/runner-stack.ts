// A whole Drover on loopback for runner tests: `drover serve` on real Redis (its own key prefix), a git repo
// whose .github/drover.yml runs the stand-in agent, and `drover runner` processes registered against it,
// each with its own config and data folders and its own tmux server.
import { type ChildProcess, execFile, execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { inject } from "vitest";
import { saveRunnerConfig } from "../../../runner/config/runner-config.js";
import { registerRunner } from "../../../runner/daemon/app-client.js";
import { parseEnv } from "../../../src/config/env.js";
import type { Session } from "../../../src/core/session.js";
import { protocolVersion } from "../../../src/protocol/version.js";
import { type AppContext, createAppContext } from "../../../src/server/app-context.js";
import { createLogger } from "../../../src/shared/logger.js";
import { createRedisStore } from "../../../src/store/create-redis-store.js";
import type { Store } from "../../../src/store/store.js";
import { droverBin, runDrover } from "../../support/drover-cli.js";
import { freePort } from "../../support/free-port.js";

export const standInAgent = resolve(import.meta.dirname, "../fixtures/stand-in-agent.mjs");
export const registrationToken = "runner-test-registration-token";

export interface AppServer {
  url: string;
  port: number;
  output(): string;
  stop(): Promise<void>;
  start(): Promise<void>;
}

export interface RunnerProcess {
  name: string;
  env: NodeJS.ProcessEnv;
  dataDir: string;
  configDir: string;
  tmuxSocket: string;
  runnerId: string;
  child: ChildProcess | undefined;
  output(): string;
  start(): Promise<void>;
  /** SIGTERM (a clean stop) or SIGKILL (a crash); resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  drover(
    args: string[],
    options?: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string },
  ): ReturnType<typeof runDrover>;
  /** `drover report …` through the shim the runner puts on its agents' PATH, as an agent runs it. */
  report(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }>;
  /** Changes the tuning in its runner.json (takes effect at the next start). */
  tune(change: Record<string, unknown>, top?: Record<string, unknown>): void;
}

export interface Stack {
  root: string;
  repo: string;
  repoName: string;
  server: AppServer;
  store: Store;
  app: AppContext;
  /** Where the stand-in agent writes the messages it receives. */
  standInOut: string;
  /** With `inheritEnv: false` the daemon gets only `extraEnv` (and the runner's own variables), nothing of this process's. */
  addRunner(
    name: string,
    extraEnv?: NodeJS.ProcessEnv,
    options?: {
      inheritEnv?: boolean;
      registerWithCli?: boolean;
      /** The runner's own checkout of the repo (runners on other machines have one); default: the shared one. */
      checkout?: string;
    },
  ): Promise<RunnerProcess>;
  /** Starts a session through the admin API, as `drover runner spawn` does. */
  spawnSession(title: string, agent?: string): Promise<string>;
  session(id: string): Promise<Session>;
  summaries(id: string): Promise<string[]>;
  /**
   * Waits until the session is in `state`; on a timeout the error tells where it stopped: the session, its jobs
   * and log, and what each runner printed and its agent's pane shows.
   */
  waitForState(id: string, state: Session["state"], what: string): Promise<Session>;
  close(): Promise<void>;
}

export async function waitFor<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  what: string,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${last}` : ""}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function gitRepo(path: string, config: string): void {
  mkdirSync(join(path, ".github"), { recursive: true });
  execFileSync("git", ["init", "-q", "-b", "main", path]);
  writeFileSync(join(path, ".github", "drover.yml"), config);
  writeFileSync(join(path, "README.md"), "# demo\n");
  execFileSync("git", ["-C", path, "add", "-A"]);
  execFileSync("git", ["-C", path, "commit", "-q", "-m", "init"], {
    env: { ...process.env, ...gitIdentity },
  });
}

export const gitIdentity = {
  GIT_AUTHOR_NAME: "Drover Test",
  GIT_AUTHOR_EMAIL: "test@drover.invalid",
  GIT_COMMITTER_NAME: "Drover Test",
  GIT_COMMITTER_EMAIL: "test@drover.invalid",
};

export const standInConfig = (extra = "") =>
  `agent:\n  name: custom\n  command: "node ${standInAgent} {promptFile}"\n${extra}`;

export async function startStack(name: string, options: { repoConfig?: string } = {}): Promise<Stack> {
  const root = realpathSync(mkdtempSync(join(tmpdir(), `drover-${name}-`)));
  const repo = join(root, "repo");
  const standInOut = join(root, "stand-in-out");
  mkdirSync(standInOut);
  gitRepo(repo, options.repoConfig ?? standInConfig());
  const prefix = `test:${name}:${randomBytes(4).toString("hex")}:`;
  const redisUrl = inject("redisUrl");
  const server = await appServer({
    REDIS_URL: redisUrl,
    DROVER_KEY_PREFIX: prefix,
    DROVER_REGISTRATION_TOKEN: registrationToken,
  });
  const store = createRedisStore({ url: redisUrl, prefix });
  const app = createAppContext({ env: parseEnv({}), store, log: createLogger("silent") });
  const runners: RunnerProcess[] = [];
  const repoName = "acme/demo";

  return {
    root,
    repo,
    repoName,
    server,
    store,
    app,
    standInOut,
    async addRunner(runnerName, extraEnv = {}, options = {}) {
      const runner = await registeredRunner(
        root,
        runnerName,
        server.url,
        repoName,
        options.checkout ?? repo,
        { STANDIN_OUT: standInOut, ...extraEnv },
        options.inheritEnv ?? true,
        options.registerWithCli ?? false,
      );
      runners.push(runner);
      return runner;
    },
    async spawnSession(title, agent = "custom") {
      const res = await fetch(`${server.url}/api/runner/admin/sessions`, {
        method: "POST",
        headers: { authorization: `Bearer ${registrationToken}`, "content-type": "application/json" },
        body: JSON.stringify({
          protocol: protocolVersion,
          repo: repoName,
          issue: { number: 7, title },
          agent,
        }),
      });
      const body = (await res.json()) as { sessionId: string };
      if (res.status !== 201) throw new Error(`spawn failed: ${JSON.stringify(body)}`);
      return body.sessionId;
    },
    async session(id) {
      const session = await store.getSession(id);
      if (!session) throw new Error(`no session ${id}`);
      return session;
    },
    async summaries(id) {
      return (await store.readLog(id)).map((e) => e.summary);
    },
    async waitForState(id, state, what) {
      try {
        return await waitFor(async () => {
          const session = await store.getSession(id);
          return session?.state === state ? session : undefined;
        }, what);
      } catch (error) {
        const session = await store.getSession(id);
        const jobs = (await store.listJobs({ sessionId: id })).map(
          ({ payload, state, runnerId, attempts }) => ({ kind: payload.kind, state, runnerId, attempts }),
        );
        const seen = runners.map((runner) => {
          let pane: string;
          try {
            pane = capturePane(runner.tmuxSocket, id).trimEnd();
          } catch {
            pane = "(no pane)";
          }
          return `runner ${runner.name} (${runner.runnerId}):\n${runner.output().slice(-3_000)}\npane:\n${pane}`;
        });
        throw new Error(
          [
            (error as Error).message,
            `session: ${JSON.stringify(session && { state: session.state, runnerId: session.runnerId, reason: session.reason })}`,
            `jobs: ${JSON.stringify(jobs)}`,
            `log: ${(await store.readLog(id)).map((e) => e.summary).join(" | ")}`,
            ...seen,
          ].join("\n"),
        );
      }
    },
    async close() {
      // Every step runs even when an earlier one fails, so no process outlives a failed test.
      const steps: (() => Promise<unknown>)[] = [
        ...runners.flatMap((runner) => [() => runner.stop("SIGKILL"), () => killTmux(runner.tmuxSocket)]),
        () => server.stop(),
        () => store.close(),
        async () => rmSync(root, { recursive: true, force: true, maxRetries: 5 }),
      ];
      await runEveryStep(steps);
    },
  };
}

/** Runs each step even when an earlier one fails, then throws the first failure. */
export async function runEveryStep(steps: (() => Promise<unknown>)[]): Promise<void> {
  const failures: unknown[] = [];
  for (const step of steps)
    await Promise.resolve()
      .then(step)
      .catch((error: unknown) => failures.push(error));
  if (failures.length > 0) throw failures[0];
}

/** `drover serve` on a port that stays the same across stop() and start(), so runners find it again. */
export async function appServer(env: NodeJS.ProcessEnv): Promise<AppServer> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  let output = "";
  const url = `http://127.0.0.1:${port}`;
  const server: AppServer = {
    url,
    port,
    output: () => output,
    async start() {
      child = spawn(process.execPath, [droverBin, "serve", "--host", "127.0.0.1"], {
        env: { ...process.env, LOG_LEVEL: "warn", ...env, PORT: String(port) },
        stdio: ["ignore", "pipe", "pipe"],
      });
      child.stdout?.on("data", (c) => (output += c));
      child.stderr?.on("data", (c) => (output += c));
      const started = child;
      await waitFor(async () => {
        if (started.exitCode !== null)
          throw new Error(`drover serve exited with ${started.exitCode}:\n${output}`);
        return (await fetch(`${url}/api/health`)).ok;
      }, `drover serve on ${port}`);
    },
    stop: () =>
      new Promise<void>((done) => {
        if (!child || child.exitCode !== null) return done();
        child.once("exit", () => done());
        child.kill("SIGTERM");
      }),
  };
  await server.start();
  return server;
}

export async function registeredRunner(
  root: string,
  name: string,
  serverUrl: string,
  repoName: string,
  repo: string,
  extraEnv: NodeJS.ProcessEnv,
  inheritEnv: boolean,
  viaCli: boolean,
): Promise<RunnerProcess> {
  const configDir = join(root, `${name}-config`);
  const dataDir = join(root, `${name}-data`);
  const tmuxSocket = `drover-test-${name}-${randomBytes(3).toString("hex")}`;
  const env: NodeJS.ProcessEnv = {
    ...gitIdentity,
    ...extraEnv,
    DROVER_CONFIG_DIR: configDir,
    DROVER_DATA_DIR: dataDir,
    LOG_LEVEL: "info",
  };
  const drover: RunnerProcess["drover"] = (args, options = {}) =>
    runDrover(args, { ...options, env: { ...env, ...options.env } });
  const configFile = join(configDir, "runner.json");
  let runnerId: string;
  if (viaCli) {
    const registered = await drover([
      "runner",
      "register",
      "--server",
      serverUrl,
      "--token",
      registrationToken,
      "--name",
      name,
      "--repo",
      `${repoName}=${repo}`,
      "--json",
    ]);
    if (registered.code !== 0) throw new Error(`register failed: ${registered.stderr}`);
    runnerId = (JSON.parse(registered.stdout) as { runnerId: string }).runnerId;
  } else {
    // The protocol call and the config file `drover runner register` would make, without starting a CLI.
    const reply = await registerRunner(serverUrl, registrationToken, {
      protocol: protocolVersion,
      name,
      repos: [repoName],
    });
    runnerId = reply.runnerId;
    saveRunnerConfig(
      { version: 1, server: serverUrl, runnerId, token: reply.token, name, repos: { [repoName]: repo } },
      configFile,
    );
  }
  const tune: RunnerProcess["tune"] = (change, top = {}) => {
    const config = JSON.parse(readFileSync(configFile, "utf8"));
    writeFileSync(
      configFile,
      JSON.stringify({ ...config, ...top, tuning: { ...config.tuning, ...change } }, null, 2),
    );
  };
  // Fast loops, so the tests wait for what they test and not for timers.
  tune(
    {
      pollMaxMs: 150,
      healthIntervalMs: 150,
      outputTailIntervalMs: 300,
      activityReportMs: 0,
      leaseMs: 10_000,
    },
    { tmuxSocket },
  );
  let child: ChildProcess | undefined;
  let output = "";
  const runner: RunnerProcess = {
    name,
    env,
    dataDir,
    configDir,
    tmuxSocket,
    runnerId,
    get child() {
      return child;
    },
    output: () => output,
    drover,
    tune,
    report: (args, cwd) =>
      new Promise((done) => {
        execFile(
          join(dataDir, "bin", "drover"),
          ["report", ...args],
          { cwd, env: { ...process.env, DROVER_SESSION_ID: "" } },
          (error, stdout, stderr) =>
            done({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr }),
        );
      }),
    async start() {
      // Its own process group, so a simulated crash (SIGKILL) takes its children with it, as a real one would.
      child = spawn(process.execPath, [droverBin, "runner", "start"], {
        env: inheritEnv ? { ...process.env, ...env } : env,
        stdio: ["ignore", "pipe", "pipe"],
        detached: true,
      });
      child.stdout?.on("data", (c) => (output += c));
      child.stderr?.on("data", (c) => (output += c));
      const started = child;
      const from = output.length;
      await waitFor(
        () => output.slice(from).includes(`runner ${name} started`) || started.exitCode !== null,
        `runner ${name} to start`,
      );
      if (started.exitCode !== null) throw new Error(`runner ${name} exited at start:\n${output}`);
    },
    stop(signal = "SIGTERM") {
      return new Promise((done) => {
        const running = child;
        if (!running || running.exitCode !== null || running.signalCode !== null)
          return done(running?.exitCode ?? null);
        running.once("exit", (code) => done(code));
        try {
          if (signal === "SIGKILL") process.kill(-running.pid!, signal);
          else running.kill(signal);
        } catch {
          // exited a moment ago
        }
      });
    },
  };
  await runner.start();
  return runner;
}

/** Kills a test's tmux server and waits until its panes' processes are gone. */
export async function killTmux(socket: string): Promise<void> {
  let pids: number[] = [];
  try {
    pids = execFileSync("tmux", ["-L", socket, "list-panes", "-a", "-F", "#{pane_pid}"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    })
      .split("\n")
      .filter(Boolean)
      .map(Number);
    execFileSync("tmux", ["-L", socket, "kill-server"], { stdio: "ignore" });
  } catch {
    // no server
  }
  rmSync(join(tmpdir(), `tmux-${process.getuid?.() ?? 0}`, socket), { force: true });
  // Each pane's shell leads a process group that holds the agent too: the agent may still be writing its
  // files after the shell went, so the whole group has to be gone before its folders can be removed.
  for (const pid of pids) signalGroup(pid, "SIGTERM");
  const deadline = Date.now() + 5_000;
  while (pids.some((pid) => signalGroup(pid, 0)) && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 50));
  for (const pid of pids) signalGroup(pid, "SIGKILL");
}

/** Signals a process group; true when it still had a process. */
function signalGroup(pid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

export function capturePane(socket: string, sessionId: string): string {
  return execFileSync("tmux", ["-L", socket, "capture-pane", "-p", "-t", `=drover-${sessionId}:`], {
    encoding: "utf8",
  });
}
