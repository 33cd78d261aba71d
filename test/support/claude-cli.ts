// The real Claude Code CLI for tests: installs the pinned version on demand (outside the repo) and gives the
// environment and user config that keep it offline, talking only to a scripted model server on loopback.
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { prepareClaudeHome } from "../../runner/agents/claude-config.js";

export const claudeCodeVersion = "2.1.330";
/** A key of the real shape (`sk-ant-api03-…`); the scripted server accepts any. */
export const testApiKey = "sk-ant-api03-drover-test-key-0000000000000000000000000000";

const installScript = fileURLToPath(new URL("../../scripts/install-claude-code.mjs", import.meta.url));

/** `$DROVER_TEST_CACHE/claude-code-<version>`, by default under ~/.cache/drover-test. */
export function claudeCacheDir(): string {
  const root = process.env.DROVER_TEST_CACHE || join(homedir(), ".cache", "drover-test");
  return join(root, `claude-code-${claudeCodeVersion}`);
}

export class ClaudeInstallError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "ClaudeInstallError";
  }
}

let installing: Promise<string> | undefined;

/**
 * Installs the pinned CLI into the cache unless it is there, and returns the `claude` binary's path. The script
 * holds a lock file, so test files in parallel workers share one install; the first run downloads ~380 MB.
 */
export function installClaudeCode(): Promise<string> {
  installing ??= promisify(execFile)(process.execPath, [installScript], {
    timeout: 15 * 60_000,
    maxBuffer: 16 * 1024 * 1024,
  }).then(
    ({ stdout }) => {
      const path = stdout.trim().split("\n").at(-1);
      if (!path) throw new ClaudeInstallError(`${installScript} printed no binary path`);
      // The version is pinned in both files; a bump of one alone would test a CLI nobody meant to.
      if (!path.startsWith(claudeCacheDir())) {
        throw new ClaudeInstallError(
          `${installScript} installed ${path}, not ${claudeCodeVersion}; pin both alike`,
        );
      }
      return path;
    },
    (error: unknown) => {
      installing = undefined;
      const stderr = (error as { stderr?: string }).stderr ?? "";
      throw new ClaudeInstallError(
        `installing Claude Code ${claudeCodeVersion} failed; run \`node scripts/install-claude-code.mjs\` to see why\n${stderr}`,
        { cause: error },
      );
    },
  );
  return installing;
}

export interface OfflineEnvOptions {
  /** The scripted model server's base URL for this agent (ModelServer.url or ModelServer.script(...)). */
  baseUrl: string;
  home: string;
  tmpdir: string;
  apiKey?: string;
  /** PATH for the agent's shell (its Bash tool runs git); defaults to this process's PATH. */
  path?: string;
}

/**
 * A whole environment, not additions to process.env: nothing of the developer's own Claude login, proxy or
 * config leaks into the agent, and every switch that would make it call home is off.
 */
export function offlineEnv(options: OfflineEnvOptions): Record<string, string> {
  const env: Record<string, string> = {
    PATH: options.path ?? process.env.PATH ?? "/usr/local/bin:/usr/bin:/bin",
    HOME: options.home,
    TMPDIR: options.tmpdir,
    LANG: "C.UTF-8",
    // Fixed, not inherited: CI may run with TERM=dumb or none, and the interactive UI needs a real terminal type.
    TERM: "xterm-256color",
    SHELL: "/bin/bash",
    ANTHROPIC_BASE_URL: options.baseUrl,
    ANTHROPIC_API_KEY: options.apiKey ?? testApiKey,
    DISABLE_TELEMETRY: "1",
    DISABLE_AUTOUPDATER: "1",
    DISABLE_ERROR_REPORTING: "1",
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1",
    CLAUDE_CODE_DISABLE_OFFICIAL_MARKETPLACE_AUTOINSTALL: "1",
    // Commits made by the agent's Bash tool need an author; the temp HOME has no ~/.gitconfig.
    GIT_AUTHOR_NAME: "Drover Test",
    GIT_AUTHOR_EMAIL: "test@drover.invalid",
    GIT_COMMITTER_NAME: "Drover Test",
    GIT_COMMITTER_EMAIL: "test@drover.invalid",
  };
  // As root, --dangerously-skip-permissions refuses to start outside a declared sandbox.
  if (process.getuid?.() === 0) env.IS_SANDBOX = "1";
  return env;
}

export interface ClaudeSandbox {
  home: string;
  tmpdir: string;
  env: Record<string, string>;
  remove(): void;
}

/**
 * A fresh temp HOME and TMPDIR for one agent, with the config the runner writes for a worktree (through the
 * product's own prepareClaudeHome) and the offline environment pointing at the model server.
 */
export function createClaudeSandbox(options: {
  baseUrl: string;
  worktree: string;
  apiKey?: string;
  idleNotificationMs?: number;
}): ClaudeSandbox {
  const root = mkdtempSync(join(tmpdir(), "drover-claude-"));
  const home = join(root, "home");
  const tmp = join(root, "tmp");
  mkdirSync(home);
  mkdirSync(tmp);
  const apiKey = options.apiKey ?? testApiKey;
  prepareClaudeHome({
    home,
    worktree: options.worktree,
    apiKey,
    skipPermissionsPrompt: true,
    ...(options.idleNotificationMs === undefined ? {} : { idleNotificationMs: options.idleNotificationMs }),
  });
  return {
    home,
    tmpdir: tmp,
    env: offlineEnv({ baseUrl: options.baseUrl, home, tmpdir: tmp, apiKey }),
    // Retries: an agent that just exited may still be flushing into its HOME.
    remove: () => rmSync(root, { recursive: true, force: true, maxRetries: 5 }),
  };
}

/** Where Claude writes a session's JSONL: its cwd with every non-alphanumeric character turned into '-'. */
export function sessionLogPath(home: string, cwd: string, sessionId: string): string {
  return join(home, ".claude", "projects", resolve(cwd).replace(/[^A-Za-z0-9]/g, "-"), `${sessionId}.jsonl`);
}
