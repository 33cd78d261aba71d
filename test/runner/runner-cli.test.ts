// The `drover runner` commands a user types: registration and its mistakes, status, the service unit
// (printed, installed and removed through a stand-in systemctl), the admin commands, and revocation, which
// stops a running daemon for good.
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type RunnerProcess,
  registrationToken,
  type Stack,
  startStack,
  waitFor,
} from "./support/runner-stack.js";

let stack: Stack;
let runner: RunnerProcess;

beforeAll(async () => {
  stack = await startStack("cli");
  runner = await stack.addRunner("laptop", {}, { registerWithCli: true });
});
afterAll(async () => stack?.close());

describe("drover runner register", () => {
  it("writes the config with the token readable only by the user", async () => {
    const config = join(runner.configDir, "runner.json");
    expect(readFileSync(config, "utf8")).toContain(`"runnerId": "${runner.runnerId}"`);
    expect((await import("node:fs")).statSync(config).mode & 0o777).toBe(0o600);
  });

  it("says what is wrong with a bad token, a bad repo or a bad server", async () => {
    const env = { DROVER_CONFIG_DIR: join(stack.root, "other-config") };
    const wrong = await runner.drover(
      ["runner", "register", "--server", stack.server.url, "--token", "nope"],
      { env },
    );
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain(
      "Registration failed: Send Authorization: Bearer <the app's DROVER_REGISTRATION_TOKEN>",
    );
    const repo = await runner.drover(
      [
        "runner",
        "register",
        "--server",
        stack.server.url,
        "--token",
        registrationToken,
        "--repo",
        `acme/x=${stack.root}`,
      ],
      { env },
    );
    expect(repo.code).toBe(2);
    expect(repo.stderr).toContain(`--repo acme/x: ${stack.root} is not a git checkout`);
    const spec = await runner.drover(
      ["runner", "register", "--server", stack.server.url, "--token", registrationToken, "--repo", "web"],
      { env },
    );
    expect(spec).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("--repo must be owner/name=path"),
    });
    const server = await runner.drover(["runner", "register", "--server", "ftp://x", "--token", "t"], {
      env,
    });
    expect(server).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("--server must be the app's http(s) URL"),
    });
    expect(existsSync(join(stack.root, "other-config", "runner.json"))).toBe(false);
    const unregistered = await runner.drover(["runner", "status"], { env });
    expect(unregistered).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("Register first: drover runner register"),
    });
  });
});

describe("drover runner status", () => {
  it("says whether the daemon runs and whether the app answers", async () => {
    const up = await runner.drover(["runner", "status"]);
    expect(up.code).toBe(0);
    expect(up.stdout).toContain(`Runner laptop (${runner.runnerId})`);
    expect(up.stdout).toContain(`App:     ${stack.server.url} — reachable`);
    expect(up.stdout).toMatch(/Daemon: {2}running \(pid \d+\), 0\/2 agents, 0 events waiting/);
  });
});

describe("drover runner install / uninstall", () => {
  it("prints the systemd unit and the launchd agent with --dry-run", async () => {
    const unit = await runner.drover(["runner", "install", "--dry-run"]);
    expect(unit.code).toBe(0);
    expect(unit.stdout).toContain("drover-runner.service");
    expect(unit.stdout).toMatch(/ExecStart=".+node.*" ".+bin\/drover\.js" runner start/);
    for (const line of [
      "Restart=on-failure",
      "RestartPreventExitStatus=78",
      "KillMode=process",
      "WantedBy=default.target",
    ])
      expect(unit.stdout).toContain(line);
    expect(unit.stdout).toContain(`Environment="DROVER_CONFIG_DIR=${runner.configDir}"`);
    expect(unit.stdout).toContain("# would run: systemctl --user enable --now drover-runner.service");
    const plist = await runner.drover(["runner", "install", "--dry-run", "--platform", "launchd"]);
    expect(plist.stdout).toContain("<key>Label</key><string>dev.drover.runner</string>");
    expect(plist.stdout).toContain("<key>AbandonProcessGroup</key><true/>");
    expect(plist.stdout).toContain("<key>KeepAlive</key><dict><key>SuccessfulExit</key><false/></dict>");
    const uninstall = await runner.drover(["runner", "uninstall", "--dry-run"]);
    expect(uninstall.stdout).toContain("# would run: systemctl --user disable --now drover-runner.service");
  });

  it("installs and removes the unit through systemctl", async () => {
    const bin = join(stack.root, "fake-bin");
    mkdirSync(bin);
    const calls = join(stack.root, "systemctl-calls.txt");
    writeFileSync(join(bin, "systemctl"), `#!/bin/sh\necho "$*" >> '${calls}'\n`);
    chmodSync(join(bin, "systemctl"), 0o755);
    const env = { PATH: `${bin}:${process.env.PATH}`, XDG_CONFIG_HOME: join(stack.root, "xdg") };
    const unitFile = join(stack.root, "xdg", "systemd", "user", "drover-runner.service");
    const installed = await runner.drover(["runner", "install"], { env });
    expect(installed.code).toBe(0);
    expect(readFileSync(unitFile, "utf8")).toContain("KillMode=process");
    const removed = await runner.drover(["runner", "uninstall"], { env });
    expect(removed.code).toBe(0);
    expect(existsSync(unitFile)).toBe(false);
    expect(readFileSync(calls, "utf8").trim().split("\n")).toEqual([
      "--user daemon-reload",
      "--user enable --now drover-runner.service",
      "--user disable --now drover-runner.service",
      "--user daemon-reload",
    ]);
    const again = await runner.drover(["runner", "uninstall"], { env });
    expect(again).toMatchObject({
      code: 1,
      stderr: expect.stringContaining("No runner service is installed"),
    });
  });
});

describe("admin commands", () => {
  it("starts a session by hand, lists runners, and a revoked runner's daemon stops for good", async () => {
    const admin = ["--token", registrationToken];
    const spawned = await runner.drover([
      "runner",
      "spawn",
      ...admin,
      "--repo",
      "acme/other",
      "--issue",
      "3",
      "--title",
      "Nobody has this repo",
      "--agent",
      "custom",
    ]);
    expect(spawned.code).toBe(0);
    expect(spawned.stdout).toMatch(
      /Session other-3-[0-9a-f]{6} is queued on branch drover\/3-nobody-has-this-repo\./,
    );
    expect(spawned.stdout).toContain("No runner has acme/other yet");

    const listed = await runner.drover(["runner", "list", ...admin, "--json"]);
    expect(JSON.parse(listed.stdout)).toMatchObject([
      { id: runner.runnerId, name: "laptop", revoked: false, repos: ["acme/demo"] },
    ]);

    const revoked = await runner.drover(["runner", "revoke", runner.runnerId, ...admin]);
    expect(revoked).toMatchObject({
      code: 0,
      stdout: expect.stringContaining("the app refuses its token from now on"),
    });
    // The next poll is refused: the daemon stops with the code that tells its service manager not to restart it.
    const code = await waitFor(() => runner.child?.exitCode ?? undefined, "the revoked daemon to exit");
    expect(code).toBe(78);
    expect(runner.output()).toContain("the app refuses this runner's token");
    const noToken = await runner.drover(["runner", "list"], { env: { DROVER_REGISTRATION_TOKEN: "" } });
    expect(noToken).toMatchObject({ code: 2, stderr: expect.stringContaining("Give --token") });
  });

  it("refuses report outside a workspace", async () => {
    const report = await runner.drover(["report", "done"], {
      cwd: stack.root,
      env: { DROVER_SESSION_ID: "" },
    });
    expect(report).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("This is not a Drover workspace"),
    });
    const status = await runner.drover(["report", "finished"], { cwd: stack.root });
    expect(status).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("status must be one of working, needs-input, done"),
    });
  });
});
