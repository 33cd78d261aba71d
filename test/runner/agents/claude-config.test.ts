// prepareClaudeHome: the config that lets Claude Code open at its prompt in a worktree, merged into a user's
// existing files without losing anything of theirs.
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  apiKeyFingerprint,
  ClaudeConfigError,
  prepareClaudeHome,
} from "../../../runner/agents/claude-config.js";

const apiKey = "sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123456789";
let home: string;

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), "drover-claude-config-"));
});

afterEach(() => {
  rmSync(home, { recursive: true, force: true });
});

const readJson = (path: string) => JSON.parse(readFileSync(path, "utf8"));

describe("prepareClaudeHome", () => {
  it("writes onboarding, trust, key approval and the bypass-prompt setting into a fresh HOME", () => {
    const paths = prepareClaudeHome({
      home,
      worktree: "/work/trees/issue-9/",
      apiKey,
      idleNotificationMs: 1500,
    });
    expect(paths).toEqual({
      claudeJsonPath: join(home, ".claude.json"),
      settingsPath: join(home, ".claude", "settings.json"),
    });
    expect(readJson(paths.claudeJsonPath)).toEqual({
      hasCompletedOnboarding: true,
      projects: { "/work/trees/issue-9": { hasTrustDialogAccepted: true } },
      customApiKeyResponses: { approved: ["qrstuvwxyz0123456789"], rejected: [] },
      messageIdleNotifThresholdMs: 1500,
    });
    expect(readJson(paths.settingsPath)).toEqual({ skipDangerousModePermissionPrompt: true });
  });

  it("merges into a user's files, keeping their settings, projects and keys, and lifting an old rejection", () => {
    const other = "sk-ant-api03-ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ";
    writeFileSync(
      join(home, ".claude.json"),
      JSON.stringify({
        userID: "u1",
        theme: "dark",
        projects: {
          "/home/me/app": { hasTrustDialogAccepted: true, allowedTools: ["Bash(npm test)"] },
          "/work/trees/issue-9": { allowedTools: ["Read"], lastCost: 1.5 },
        },
        customApiKeyResponses: {
          approved: [apiKeyFingerprint(other)],
          rejected: [apiKeyFingerprint(apiKey)],
        },
      }),
    );
    mkdirSync(join(home, ".claude"));
    writeFileSync(
      join(home, ".claude", "settings.json"),
      JSON.stringify({ model: "opus", hooks: { Stop: [] } }),
    );

    prepareClaudeHome({ home, worktree: "/work/trees/issue-9", apiKey });
    prepareClaudeHome({ home, worktree: "/work/trees/issue-9", apiKey });

    expect(readJson(join(home, ".claude.json"))).toEqual({
      userID: "u1",
      theme: "dark",
      hasCompletedOnboarding: true,
      projects: {
        "/home/me/app": { hasTrustDialogAccepted: true, allowedTools: ["Bash(npm test)"] },
        "/work/trees/issue-9": { allowedTools: ["Read"], lastCost: 1.5, hasTrustDialogAccepted: true },
      },
      customApiKeyResponses: {
        approved: [apiKeyFingerprint(other), apiKeyFingerprint(apiKey)],
        rejected: [],
      },
    });
    expect(readJson(join(home, ".claude", "settings.json"))).toEqual({
      model: "opus",
      hooks: { Stop: [] },
      skipDangerousModePermissionPrompt: true,
    });
  });

  it("uses the CLAUDE_CONFIG_DIR layout, where settings.json sits beside .claude.json", () => {
    const paths = prepareClaudeHome({
      home,
      layout: "config-dir",
      worktree: "/w",
      skipPermissionsPrompt: true,
    });
    expect(paths.settingsPath).toBe(join(home, "settings.json"));
    expect(readJson(paths.settingsPath)).toEqual({ skipDangerousModePermissionPrompt: true });
    expect(readJson(paths.claudeJsonPath).customApiKeyResponses).toBeUndefined();
  });

  it("refuses to touch a .claude.json that is not JSON, and says which file", () => {
    writeFileSync(join(home, ".claude.json"), "{ not json");
    expect(() => prepareClaudeHome({ home, worktree: "/w" })).toThrow(ClaudeConfigError);
    expect(() => prepareClaudeHome({ home, worktree: "/w" })).toThrow(join(home, ".claude.json"));
    expect(readFileSync(join(home, ".claude.json"), "utf8")).toBe("{ not json");
  });

  it("refuses a .claude.json whose keys have the wrong type instead of overwriting them", () => {
    writeFileSync(join(home, ".claude.json"), JSON.stringify({ projects: [] }));
    expect(() => prepareClaudeHome({ home, worktree: "/w" })).toThrow(/unexpected values/);
  });

  it("reports an unreadable file with its path", () => {
    if (process.getuid?.() === 0) {
      // Root reads any file; a directory in the file's place is unreadable as a file for everyone.
      mkdirSync(join(home, ".claude.json"));
    } else {
      writeFileSync(join(home, ".claude.json"), "{}");
      chmodSync(join(home, ".claude.json"), 0o000);
    }
    expect(() => prepareClaudeHome({ home, worktree: "/w" })).toThrow(/cannot read .*\.claude\.json/);
  });
});
