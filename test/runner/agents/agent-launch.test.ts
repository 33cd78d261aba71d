// How each agent is started: Claude Code's flags and prompt, the headless stream-json form, and a custom
// command template whose values are quoted so no prompt can run shell code.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { LaunchContext } from "../../../runner/agents/agent.js";
import { agentFor } from "../../../runner/agents/agent-for.js";
import { runnerConfigSchema } from "../../../runner/config/runner-config.js";
import { defaultRepoConfig, parseRepoConfig } from "../../../src/config/repo-config.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "drover-launch-"));
  execFileSync("git", ["init", "-q", dir]);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const runner = runnerConfigSchema.parse({
  version: 1,
  server: "http://127.0.0.1:3000",
  runnerId: "runner_1",
  token: "t",
  name: "laptop",
  agents: { claudeCommand: "/opt/claude/bin/claude" },
});

function context(overrides: Partial<LaunchContext> = {}): LaunchContext {
  return {
    sessionId: "web-7",
    workspace: dir,
    prompt: "Fix it",
    promptFile: join(dir, "prompt.md"),
    repoConfig: defaultRepoConfig,
    runner,
    hookCommand: "'/usr/bin/node' '/x/hook-client.js' '/d/runner.sock' 'web-7' '/d/hook-spool'",
    env: { HOME: dir, ANTHROPIC_API_KEY: "sk-ant-api03-abcdefghijklmnopqrstuvwxyz", IS_SANDBOX: "1" },
    ...overrides,
  };
}

describe("agent launch commands", () => {
  it("starts Claude Code interactive with the prompt from its file and no permission dialogs", async () => {
    const claude = agentFor("claude-code");
    const written = await claude.prepare(context());
    expect(written).toEqual([".claude/settings.local.json"]);
    const settings = JSON.parse(readFileSync(join(dir, ".claude", "settings.local.json"), "utf8"));
    expect(Object.keys(settings.hooks)).toEqual([
      "SessionStart",
      "UserPromptSubmit",
      "PostToolUse",
      "Notification",
      "Stop",
      "SessionEnd",
    ]);
    expect(settings.hooks.Stop[0].hooks[0].command).toContain("hook-client.js");
    expect(JSON.parse(readFileSync(join(dir, ".claude.json"), "utf8")).projects[dir]).toEqual({
      hasTrustDialogAccepted: true,
    });
    expect(claude.launch(context({ model: "claude-opus-5-5" }))).toEqual({
      command: `/opt/claude/bin/claude --dangerously-skip-permissions --model claude-opus-5-5 "$(cat ${join(dir, "prompt.md")})"`,
      prompt: "argument",
      stdin: "none",
    });
  });

  it("keeps the user's own hooks when it adds its own, and replaces its earlier ones on a respawn", async () => {
    const claude = agentFor("claude-code");
    execFileSync("mkdir", ["-p", join(dir, ".claude")]);
    writeFileSync(
      join(dir, ".claude", "settings.local.json"),
      JSON.stringify({ hooks: { Stop: [{ hooks: [{ type: "command", command: "mine" }] }] }, model: "x" }),
    );
    await claude.prepare(context());
    await claude.prepare(context());
    const settings = JSON.parse(readFileSync(join(dir, ".claude", "settings.local.json"), "utf8"));
    expect(settings.model).toBe("x");
    expect(settings.hooks.Stop.map((e: { hooks: { command: string }[] }) => e.hooks[0]!.command)).toEqual([
      "mine",
      expect.stringContaining("hook-client.js"),
    ]);
  });

  it("bypasses permissions as root only inside a declared sandbox, saying what to change otherwise", async () => {
    const outside = agentFor("claude-code").prepare(context({ env: { HOME: dir } }));
    // Claude itself refuses --dangerously-skip-permissions as root without IS_SANDBOX; other users need nothing.
    if (process.getuid?.() === 0) await expect(outside).rejects.toThrow(/IS_SANDBOX=1/);
    else await expect(outside).resolves.toEqual([".claude/settings.local.json"]);
  });

  it("runs Claude headless with stream-json output, which needs --verbose, its prompt on stdin", () => {
    expect(agentFor("claude-headless").launch(context({ model: "claude opus" })).command).toBe(
      `/opt/claude/bin/claude -p --output-format stream-json --verbose --dangerously-skip-permissions --model 'claude opus' < ${join(dir, "prompt.md")}`,
    );
  });

  it("hands Claude headless a prompt of any size: one argument could not carry 200 KB", () => {
    const prompt = `${"review every line ".repeat(12_000)}end`;
    writeFileSync(join(dir, "prompt.md"), prompt);
    // A stand-in `claude` that says how many bytes of prompt it got, and on which channel.
    const claude = join(dir, "claude");
    writeFileSync(claude, '#!/bin/sh\necho "args=$# stdin=$(wc -c)"\n', { mode: 0o755 });
    const launch = agentFor("claude-headless").launch(
      context({ prompt, runner: { ...runner, agents: { ...runner.agents, claudeCommand: claude } } }),
    );
    expect(execFileSync("sh", ["-c", launch.command], { encoding: "utf8" }).trim()).toBe(
      `args=5 stdin=${Buffer.byteLength(prompt)}`,
    );
  });

  it("starts Codex with its prompt and Aider with the note to read, its prompt typed once it asks", () => {
    expect(agentFor("codex").launch(context({ model: "o4" })).command).toBe(
      `codex --full-auto --model o4 "$(cat ${join(dir, "prompt.md")})"`,
    );
    const aider = agentFor("aider");
    expect(aider.launch(context())).toEqual({
      command: "aider --yes-always --read AGENTS.md",
      prompt: "typed",
      stdin: "pipe",
    });
    expect(aider.probe.ready("Aider v0.80\nRepo-map: using 1024 tokens\n> ")).toBe(true);
    expect(aider.probe.ready("Aider v0.80\nLoading…")).toBe(false);
  });

  it("fills a custom command template with quoted values", () => {
    const repoConfig = parseRepoConfig({
      agent: { name: "custom", command: "my-agent --task {prompt} --in {workspace} --model {model}" },
    });
    const launch = agentFor("custom").launch(
      context({ repoConfig, prompt: `it's $(rm -rf /) "x"`, model: "m1" }),
    );
    expect(launch.command).toBe(`my-agent --task 'it'\\''s $(rm -rf /) "x"' --in ${dir} --model m1`);
    expect(
      execFileSync("sh", ["-c", launch.command.replace("my-agent", "printf '%s|'")], { encoding: "utf8" }),
    ).toBe(`--task|it's $(rm -rf /) "x"|--in|${dir}|--model|m1|`);
    expect(() => agentFor("custom").launch(context())).toThrow("set agent.command in .github/drover.yml");
    expect(
      agentFor("custom").launch(context({ repoConfig: parseRepoConfig({ agent: { command: "my-agent" } }) }))
        .prompt,
    ).toBe("typed");
  });

  it("refuses a prompt too big for {prompt}, pointing to {promptFile}, which takes any size", () => {
    const prompt = "x".repeat(200 * 1024);
    const inline = parseRepoConfig({ agent: { name: "custom", command: "my-agent {prompt}" } });
    expect(() => agentFor("custom").launch(context({ repoConfig: inline, prompt }))).toThrow(
      "the prompt is 200 KB, more than one command-line argument can carry: use {promptFile} instead of {prompt}",
    );
    const fromFile = parseRepoConfig({
      agent: { name: "custom", command: "my-agent --file {{promptFile}}" },
    });
    expect(agentFor("custom").launch(context({ repoConfig: fromFile, prompt })).command).toBe(
      `my-agent --file ${join(dir, "prompt.md")}`,
    );
  });

  it("names the agents it knows when it meets one it does not", () => {
    expect(() => agentFor("gpt-pilot")).toThrow(
      'this runner does not know the agent "gpt-pilot"; it knows claude-code, claude-headless, codex, aider, custom',
    );
  });
});
