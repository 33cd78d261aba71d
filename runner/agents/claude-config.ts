import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { z } from "zod";
import { writeJsonAtomic } from "../daemon/atomic-file.js";

export interface PrepareClaudeHomeOptions {
  /**
   * Where Claude Code keeps its user config: the user's HOME (`$HOME/.claude.json`, `$HOME/.claude/settings.json`)
   * or, when the agent runs with CLAUDE_CONFIG_DIR, that folder (`<dir>/.claude.json`, `<dir>/settings.json`).
   */
  home: string;
  layout?: "home" | "config-dir";
  /** The worktree the agent starts in; its trust dialog is answered "yes". */
  worktree: string;
  /** The ANTHROPIC_API_KEY the agent gets, if any; Claude asks once per key whether to use it. */
  apiKey?: string;
  /** The agent runs with --dangerously-skip-permissions; without this, it asks to confirm that mode first. */
  skipPermissionsPrompt?: boolean;
  /** After how long idle at its prompt the agent fires the Notification hook (idle_prompt); Claude's default is 60 s. */
  idleNotificationMs?: number;
}

export interface PreparedClaudeHome {
  claudeJsonPath: string;
  settingsPath: string;
}

export class ClaudeConfigError extends Error {
  constructor(
    message: string,
    readonly path: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "ClaudeConfigError";
  }
}

// Only the keys this file writes are checked; everything else in the user's files is kept exactly as it was.
const claudeJsonSchema = z.looseObject({
  hasCompletedOnboarding: z.boolean().optional(),
  messageIdleNotifThresholdMs: z.number().optional(),
  customApiKeyResponses: z
    .looseObject({ approved: z.array(z.string()).optional(), rejected: z.array(z.string()).optional() })
    .optional(),
  projects: z
    .record(z.string(), z.looseObject({ hasTrustDialogAccepted: z.boolean().optional() }))
    .optional(),
});
const settingsSchema = z.looseObject({ skipDangerousModePermissionPrompt: z.boolean().optional() });

/** Claude remembers an approved key by its last 20 characters, never the whole key. */
export function apiKeyFingerprint(apiKey: string): string {
  return apiKey.slice(-20);
}

export function prepareClaudeHome(options: PrepareClaudeHomeOptions): PreparedClaudeHome {
  const home = resolve(options.home);
  const configDir = options.layout === "config-dir";
  const claudeJsonPath = join(home, ".claude.json");
  const settingsPath = configDir ? join(home, "settings.json") : join(home, ".claude", "settings.json");
  // Claude keys projects by the absolute path it was started in, without a trailing slash.
  const worktree = resolve(options.worktree);

  const claudeJson = readJson(claudeJsonPath, claudeJsonSchema);
  claudeJson.hasCompletedOnboarding = true;
  const project = claudeJson.projects?.[worktree] ?? {};
  claudeJson.projects = { ...claudeJson.projects, [worktree]: { ...project, hasTrustDialogAccepted: true } };
  if (options.apiKey) {
    const fingerprint = apiKeyFingerprint(options.apiKey);
    const responses = claudeJson.customApiKeyResponses ?? {};
    const approved = responses.approved ?? [];
    claudeJson.customApiKeyResponses = {
      ...responses,
      approved: approved.includes(fingerprint) ? approved : [...approved, fingerprint],
      // The runner was given this key on purpose: an old "no" from a dialog must not block the agent.
      rejected: (responses.rejected ?? []).filter((k) => k !== fingerprint),
    };
  }
  if (options.idleNotificationMs !== undefined)
    claudeJson.messageIdleNotifThresholdMs = options.idleNotificationMs;
  // Renamed over the old file: a running Claude re-reads .claude.json often and must never see half of it.
  writeJsonAtomic(claudeJsonPath, claudeJson);

  if (options.skipPermissionsPrompt ?? true) {
    const settings = readJson(settingsPath, settingsSchema);
    if (settings.skipDangerousModePermissionPrompt !== true) {
      settings.skipDangerousModePermissionPrompt = true;
      writeJsonAtomic(settingsPath, settings);
    }
  }
  return { claudeJsonPath, settingsPath };
}

function readJson<T>(path: string, schema: z.ZodType<T>): T {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return schema.parse({});
    throw new ClaudeConfigError(`cannot read ${path}: ${(error as Error).message}`, path, { cause: error });
  }
  let json: unknown;
  try {
    json = text.trim() === "" ? {} : JSON.parse(text);
  } catch (error) {
    throw new ClaudeConfigError(
      `${path} is not valid JSON, so Drover will not touch it; fix or remove it, then start the agent again`,
      path,
      { cause: error },
    );
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new ClaudeConfigError(
      `${path} has unexpected values, so Drover will not touch it: ${z.prettifyError(parsed.error)}`,
      path,
    );
  }
  return parsed.data;
}
