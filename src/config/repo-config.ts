// The schema of a repository's `.github/drover.yml`, with every default a repo gets when it says nothing.
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { duration } from "./duration.js";
import { formatIssues, InvalidInputError } from "./format-issues.js";

export const priorities = ["urgent", "action", "warning", "info"] as const;
export type Priority = (typeof priorities)[number];
const priority = z.enum(priorities);

export const channels = ["slack", "github", "webhook", "desktop"] as const;
export type Channel = (typeof channels)[number];

/** Reactions that hand routine work back to the agent, escalating to a human when it does not help. */
const sendReaction = (escalateAfter: string, level: Priority) =>
  z
    .strictObject({
      enabled: z.boolean().default(true).describe("false: neither tell the agent nor notify"),
      send: z.boolean().default(true).describe("tell the agent; false: notify a human at once"),
      message: z.string().min(1).optional().describe("replaces the built-in prompt sent to the agent"),
      escalateAfter: duration.prefault(escalateAfter),
      priority: priority.default(level),
    })
    .prefault({});

/** Reactions that only tell a human, some after the condition has lasted a while. */
const notifyReaction = (level: Priority, after?: string) =>
  z
    .strictObject({
      enabled: z.boolean().default(true),
      priority: priority.default(level),
      ...(after ? { after: duration.prefault(after) } : {}),
    })
    .prefault({});

const reactions = z
  .strictObject({
    "ci-failed": z
      .strictObject({
        enabled: z.boolean().default(true),
        send: z.boolean().default(true),
        message: z.string().min(1).optional(),
        retries: z.int().min(0).max(20).default(2).describe("fix prompts sent before a human is told"),
        priority: priority.default("warning"),
      })
      .prefault({}),
    "changes-requested": sendReaction("30m", "warning"),
    "bot-comments": sendReaction("30m", "warning"),
    "merge-conflicts": sendReaction("15m", "warning"),
    "approved-and-green": notifyReaction("action"),
    "agent-stuck": z
      .strictObject({
        enabled: z.boolean().default(true),
        priority: priority.default("urgent"),
        after: duration.prefault("10m"),
      })
      .prefault({}),
    "agent-needs-input": notifyReaction("urgent"),
    "agent-exited": notifyReaction("urgent"),
    "agent-idle-no-pr": z
      .strictObject({
        enabled: z.boolean().default(true),
        priority: priority.default("warning"),
        after: duration.prefault("30m"),
      })
      .prefault({}),
    "all-complete": notifyReaction("info"),
  })
  .prefault({});

export const agentNames = ["claude-code", "claude-headless", "codex", "aider", "custom"] as const;

const agent = z
  .strictObject({
    name: z.enum(agentNames).default("claude-code"),
    model: z.string().min(1).optional(),
    command: z
      .string()
      .min(1)
      .optional()
      .describe("for the custom agent: a command template with {prompt}, {promptFile}, {model}, {workspace}"),
    instructions: z.string().optional().describe("added to every prompt the agent is given"),
  })
  .prefault({});

const workspace = z
  .strictObject({
    kind: z.enum(["worktree", "clone"]).default("worktree"),
    postCreate: z.array(z.string().min(1)).default([]).describe("shell commands run once in a new workspace"),
    symlinks: z
      .array(z.string().min(1))
      .default([])
      .describe("paths linked from the main checkout (e.g. .env)"),
  })
  .prefault({});

const notifications = z
  .strictObject({
    routing: z
      .strictObject({
        urgent: z.array(z.enum(channels)).default([...channels]),
        action: z.array(z.enum(channels)).default(["slack", "desktop"]),
        warning: z.array(z.enum(channels)).default(["slack"]),
        info: z.array(z.enum(channels)).default(["slack"]),
      })
      .prefault({}),
    dedupeWindow: duration
      .prefault("10m")
      .describe("the same notification again within this window is dropped"),
    digest: z
      .strictObject({ enabled: z.boolean().default(false), every: duration.prefault("1h") })
      .prefault({})
      .describe("batch info notifications into one digest"),
  })
  .prefault({});

const labels = z
  .strictObject({
    spawn: z.string().min(1).default("drover"),
    review: z.string().min(1).default("drover:review"),
    automerge: z.string().min(1).default("drover:automerge"),
    working: z.string().min(1).default("drover:working"),
    ciFailed: z.string().min(1).default("drover:ci-failed"),
    changesRequested: z.string().min(1).default("drover:changes-requested"),
    ready: z.string().min(1).default("drover:ready"),
  })
  .prefault({});

const usd = z.number().positive();
const budgets = z
  .strictObject({
    perSession: usd.optional().describe("US dollars one session may spend"),
    perIssue: usd.optional(),
    perDay: usd.optional(),
    warnAt: z.number().gt(0).lt(1).default(0.8).describe("share of a budget at which a warning is sent"),
  })
  .prefault({});

export const repoConfigSchema = z
  .strictObject({
    agent,
    runtime: z.enum(["tmux", "process"]).default("tmux"),
    workspace,
    reactions,
    notifications,
    autoMerge: z.boolean().default(false).describe("merge when approved, green and conflict-free"),
    mergeMethod: z
      .enum(["merge", "squash", "rebase"])
      .optional()
      .describe("default: the first the repo allows"),
    labels,
    budgets,
    allowedBots: z
      .array(z.string().min(1))
      .default([])
      .describe("bot logins whose /drover commands are obeyed"),
  })
  .prefault({});

export type RepoConfig = z.output<typeof repoConfigSchema>;
export type RepoConfigInput = z.input<typeof repoConfigSchema>;
export type Reactions = RepoConfig["reactions"];
export type ReactionName = keyof Reactions;

/** The configuration a repo gets when it has no `.github/drover.yml`. */
export const defaultRepoConfig: RepoConfig = repoConfigSchema.parse(undefined);

/** Validates already-parsed config data (from YAML or JSON); throws InvalidInputError naming each bad path. */
export function parseRepoConfig(data: unknown, source = ".github/drover.yml"): RepoConfig {
  const result = repoConfigSchema.safeParse(data ?? undefined);
  if (!result.success) throw new InvalidInputError(source, formatIssues(result.error));
  return result.data;
}

/** Parses the text of a `.github/drover.yml`; YAML syntax errors are reported with their line. */
export function parseRepoConfigText(text: string, source = ".github/drover.yml"): RepoConfig {
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (error) {
    throw new InvalidInputError(source, `not valid YAML: ${(error as Error).message}`);
  }
  return parseRepoConfig(data, source);
}
