// The runner's own configuration (`runner.json` in the user's config folder, mode 0600: it holds the token):
// which app it talks to, as which runner, which repos it has checked out where, and how it runs agents.
import { chmodSync, existsSync } from "node:fs";
import { isAbsolute } from "node:path";
import { z } from "zod";
import { leaseBounds } from "../../src/protocol/limits.js";
import { repoNameSchema } from "../../src/protocol/repo-name.js";
import { readJsonFile, writeJsonAtomic } from "../daemon/atomic-file.js";
import { CliError, exitCodes } from "../exit-codes.js";
import { runnerConfigPath } from "./paths.js";

const tuningSchema = z
  .object({
    /** How long the app keeps a job with this runner between heartbeats. */
    leaseMs: z.int().min(leaseBounds.minMs).max(leaseBounds.maxMs).default(60_000),
    /** Upper bound on the app's poll hint (an idle runner never waits longer than this). */
    pollMaxMs: z.int().min(50).max(300_000).default(30_000),
    /** How often the health monitor looks at every agent. */
    healthIntervalMs: z.int().min(50).max(60_000).default(2_000),
    /** How often the output tail is sent while it changes. */
    outputTailIntervalMs: z.int().min(100).max(600_000).default(15_000),
    /** Activity reports per agent are at least this far apart (a prompt or a question always goes at once). */
    activityReportMs: z.int().min(0).max(600_000).default(10_000),
    /** How often live cost is read from each agent's transcript. */
    liveCostIntervalMs: z.int().min(100).max(3_600_000).default(30_000),
    /** Longest wait for an agent's input box before a message is typed. */
    readyTimeoutMs: z.int().min(100).max(600_000).default(60_000),
  })
  .prefault({});

const agentsSchema = z
  .object({
    /** The Claude Code binary (a name on PATH or a path). */
    claudeCommand: z.string().min(1).default("claude"),
    /**
     * bypassPermissions: `--dangerously-skip-permissions` (an unattended agent asks nobody); acceptEdits: edits
     * go through, other tools ask (a permission prompt becomes needs-input); default: Claude's own default.
     */
    claudePermissionMode: z
      .enum(["bypassPermissions", "acceptEdits", "default"])
      .default("bypassPermissions"),
    codexCommand: z.string().min(1).default("codex"),
    aiderCommand: z.string().min(1).default("aider"),
  })
  .prefault({});

export const runnerConfigSchema = z.object({
  version: z.literal(1),
  server: z.url(),
  runnerId: z.string().min(1),
  token: z.string().min(1),
  name: z.string().min(1),
  capacity: z.int().min(1).max(100).default(2),
  /** owner/name → the absolute path of a local checkout. */
  repos: z
    .record(
      repoNameSchema,
      z.string().refine((path) => isAbsolute(path), "expected an absolute path to a git checkout"),
    )
    .default({}),
  /** The dedicated tmux server (`tmux -L <name>`), apart from the user's own tmux. */
  tmuxSocket: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/)
    .default("drover"),
  tuning: tuningSchema,
  agents: agentsSchema,
});
export type RunnerConfig = z.output<typeof runnerConfigSchema>;
export type RunnerConfigInput = z.input<typeof runnerConfigSchema>;

export function loadRunnerConfig(path = runnerConfigPath()): RunnerConfig {
  if (!existsSync(path))
    throw new CliError(
      `This machine has no runner configuration (${path}). Register first: drover runner register --server <url> --token <registration token> --repo owner/name=<path>`,
      exitCodes.usage,
    );
  return readJsonFile(path, runnerConfigSchema, () => {
    throw new Error("unreachable");
  });
}

export function saveRunnerConfig(config: RunnerConfigInput, path = runnerConfigPath()): RunnerConfig {
  const parsed = runnerConfigSchema.parse(config);
  writeJsonAtomic(path, parsed, 0o600);
  chmodSync(path, 0o600);
  return parsed;
}
