// Records Claude Code's hook calls in the smoke tests: a one-line shell hook appends each payload (JSON on stdin)
// to a file, configured in the worktree's .claude/settings.local.json as the runner will configure its own.
import { execFileSync } from "node:child_process";
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { z } from "zod";

export const hookEvents = [
  "SessionStart",
  "UserPromptSubmit",
  "PreToolUse",
  "PostToolUse",
  "Notification",
  "Stop",
  "SessionEnd",
] as const;

// The fields every payload carries, plus the per-event ones the tests read; the rest is kept as it came.
export const hookPayloadSchema = z.looseObject({
  session_id: z.string(),
  transcript_path: z.string(),
  cwd: z.string(),
  hook_event_name: z.enum(hookEvents),
  source: z.string().optional(),
  prompt: z.string().optional(),
  tool_name: z.string().optional(),
  tool_use_id: z.string().optional(),
  tool_input: z.record(z.string(), z.unknown()).optional(),
  notification_type: z.string().optional(),
  last_assistant_message: z.string().optional(),
});
export type HookPayload = z.infer<typeof hookPayloadSchema>;

export interface HookRecorder {
  file: string;
  events(): HookPayload[];
  waitFor(
    predicate: (events: HookPayload[]) => boolean,
    opts?: { timeoutMs?: number; what?: string },
  ): Promise<HookPayload[]>;
}

/**
 * Writes the hooks into `<worktree>/.claude/settings.local.json` and keeps that file out of git through
 * .git/info/exclude: an agent's `git add -A` would otherwise commit the runner's hook config with its work.
 */
export function installHookRecorder(worktree: string, logDir: string): HookRecorder {
  const file = join(logDir, "hooks.jsonl");
  const script = join(logDir, "record-hook.sh");
  writeFileSync(script, `#!/bin/sh\n{ cat; echo; } >> '${file}'\n`, { mode: 0o755 });
  const entry = [{ hooks: [{ type: "command", command: script }] }];
  const hooks = Object.fromEntries(hookEvents.map((event) => [event, entry]));
  mkdirSync(join(worktree, ".claude"), { recursive: true });
  writeFileSync(join(worktree, ".claude", "settings.local.json"), `${JSON.stringify({ hooks }, null, 2)}\n`);
  // --git-path, because in a linked worktree .git is a file and info/exclude lives in the common git dir.
  const gitPath = execFileSync("git", ["-C", worktree, "rev-parse", "--git-path", "info/exclude"], {
    encoding: "utf8",
  });
  const exclude = resolve(worktree, gitPath.trim());
  mkdirSync(dirname(exclude), { recursive: true });
  appendFileSync(exclude, "/.claude/settings.local.json\n");

  const events = () => {
    if (!existsSync(file)) return [];
    return readFileSync(file, "utf8")
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map((line) => hookPayloadSchema.parse(JSON.parse(line)));
  };
  return {
    file,
    events,
    async waitFor(predicate, { timeoutMs = 60_000, what = "the expected hook calls" } = {}) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const seen = events();
        if (predicate(seen)) return seen;
        if (Date.now() > deadline) {
          const names = seen.map((e) => e.hook_event_name).join(", ");
          throw new Error(`hooks did not show ${what} within ${timeoutMs} ms; seen: ${names || "none"}`);
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    },
  };
}
