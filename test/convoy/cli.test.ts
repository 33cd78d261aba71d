// `drover convoy …` as a user runs it (the built CLI), on a real git repository, with every agent in its own
// tmux session on the convoy's tmux server and the stand-in on PATH as `claude`.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { droverBin, runDrover } from "../support/drover-cli.js";
import { createSandbox, eventually, finding, type Sandbox } from "./fixtures.js";

let sandbox: Sandbox;
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
  // Whatever a failed test left running in tmux goes with the sandbox.
  for (const id of convoyIds()) {
    try {
      execFileSync("tmux", ["-L", `drover-convoy-${id}`, "kill-server"], { stdio: "ignore" });
    } catch {
      // no server: nothing left
    }
  }
  sandbox?.remove();
});

const reviewers = ["correctness", "security", "performance"];

function cliEnv(): NodeJS.ProcessEnv {
  return { ...sandbox.env, DROVER_DATA_DIR: sandbox.data, DROVER_CONFIG_DIR: join(sandbox.root, "config") };
}

function drover(args: string[]) {
  return runDrover(args, { env: cliEnv(), cwd: sandbox.repo });
}

interface Running {
  child: ChildProcess;
  output(): string;
  exit: Promise<number | null>;
}

function startDrover(args: string[]): Running {
  const child = spawn(process.execPath, [droverBin, ...args], {
    env: { ...process.env, ...cliEnv() },
    cwd: sandbox.repo,
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let output = "";
  child.stdout!.on("data", (c) => (output += c));
  child.stderr!.on("data", (c) => (output += c));
  const exit = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
  return { child, output: () => output, exit };
}

function convoyIds(): string[] {
  const dir = join(sandbox?.data ?? "/nonexistent", "convoys");
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith(".json"))
        .map((f) => f.slice(0, -5))
    : [];
}

function tmuxSessions(id: string): string[] {
  try {
    return execFileSync("tmux", ["-L", `drover-convoy-${id}`, "list-sessions", "-F", "#{session_name}"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    })
      .split("\n")
      .filter(Boolean)
      .sort();
  } catch {
    return [];
  }
}

function state(id: string) {
  return JSON.parse(readFileSync(join(sandbox.data, "convoys", `${id}.json`), "utf8"));
}

describe("drover convoy", () => {
  it("start code-review runs three reviewers in parallel tmux sessions, then a synthesis", async () => {
    sandbox = createSandbox();
    const gate = join(sandbox.root, "gate");
    sandbox.setPlan({
      correctness: {
        waitFor: gate,
        findings: [finding("high", "src/app.ts", 4, "SQL built by string concatenation")],
      },
      security: {
        waitFor: gate,
        findings: [finding("critical", "src/app.ts", 4, "SQL injection by string concatenation")],
      },
      performance: { waitFor: gate, findings: [finding("medium", "src/util/list.ts", 2, "Quadratic uniq")] },
      synthesis: { synthesis: true, summary: "Fix the injection first." },
    });
    const run = startDrover([
      "convoy",
      "start",
      "code-review",
      "--files",
      "src/**/*.ts",
      "--model",
      "synthesis=opus-test",
    ]);

    const id = await eventually(() => convoyIds()[0], "the convoy's state file");
    // Three sessions at once, none able to finish before the gate opens: they run in parallel.
    await eventually(
      () => tmuxSessions(id).join(" ") === "drover-correctness drover-performance drover-security",
      "three reviewer sessions",
    );
    const status = await drover(["convoy", "status", id]);
    expect(status.stdout).toContain(`${id} · code-review · running`);
    expect(status.stdout).toContain(`watch an agent: tmux -L drover-convoy-${id} attach -t =drover-`);
    writeFileSync(gate, "");
    expect(await run.exit, run.output()).toBe(0);

    // Progress, a line per agent change (stdout is not a terminal here), then where the report is.
    const out = run.output();
    expect(out).toContain(`convoy ${id} · code-review · running`);
    for (const r of reviewers) expect(out).toMatch(new RegExp(`» ${r}\\s+running`));
    expect(out).toMatch(/✓ security\s+done\s+1 finding/);
    expect(out).toMatch(/· synthesis\s+waiting\s+after correctness, security, performance/);
    expect(out).toMatch(/✓ synthesis\s+done\s+2 priorities/);
    expect(out).toContain(`${id}: completed; findings: 1 critical, 1 medium`);
    const final = state(id);
    expect(final.result.reportFile).toBe(join(sandbox.data, "convoys", id, "report.md"));
    expect(readFileSync(final.result.reportFile, "utf8")).toContain("Fix the injection first.");

    // The agents were headless Claude, one tmux session each, and the synthesis came after every reviewer.
    expect(sandbox.args("synthesis")).toEqual(expect.arrayContaining(["-p", "--model", "opus-test"]));
    const events = sandbox.events();
    for (const r of reviewers)
      expect(events.indexOf(`end ${r}`)).toBeLessThan(events.indexOf("start synthesis"));
    expect(final.agents.map((a: { handle: { session: string } }) => a.handle.session)).toEqual([
      "drover-correctness",
      "drover-security",
      "drover-performance",
      "drover-synthesis",
    ]);
    // Everything of the convoy's tmux server is gone, socket file included.
    expect(tmuxSessions(id)).toEqual([]);
    expect(existsSync(`/tmp/tmux-${process.getuid!()}/drover-convoy-${id}`)).toBe(false);

    const listed = await drover(["convoy", "list", "--json"]);
    expect(JSON.parse(listed.stdout)).toMatchObject([
      { id, template: "code-review", status: "completed", counts: { critical: 1, medium: 1 } },
    ]);
    const table = await drover(["convoy", "list"]);
    expect(table.stdout).toMatch(new RegExp(`${id}\\s+code-review\\s+completed\\s+4/4\\s+2`));

    // synthesize runs the last phase again on the same findings.
    sandbox.setPlan({ synthesis: { synthesis: true, summary: "Second opinion: still the injection." } });
    const again = await drover(["convoy", "synthesize", id]);
    expect(again.code, again.stdout + again.stderr).toBe(0);
    expect(readFileSync(final.result.reportFile, "utf8")).toContain("Second opinion: still the injection.");
    expect(sandbox.events().filter((e) => e === "start correctness")).toHaveLength(1);
  });

  it("stop ends every agent of a running convoy", async () => {
    sandbox = createSandbox();
    sandbox.setPlan({ "*": { hang: true } });
    const run = startDrover(["convoy", "start", "code-review", "--files", "src/**/*.ts"]);
    const id = await eventually(() => convoyIds()[0], "the convoy's state file");
    await eventually(() => tmuxSessions(id).length === 3, "three reviewer sessions");

    const stopped = await drover(["convoy", "stop", id]);
    expect(stopped.code, stopped.stderr).toBe(0);
    expect(stopped.stdout).toContain(`${id}: stopped (4 agents stopped).`);
    expect(await run.exit).toBe(1);
    expect(run.output()).toContain(`${id}: stopped`);
    expect(tmuxSessions(id)).toEqual([]);
    await eventually(() => reviewers.every((r) => sandbox.events().includes(`killed ${r}`)), "agents killed");
    expect(sandbox.events()).not.toContain("start synthesis");
    expect((await drover(["convoy", "stop", id])).stdout).toContain(`${id} already ended: stopped.`);
  });

  it("resumes a convoy whose drover process was killed, waiting for the agents still running", async () => {
    sandbox = createSandbox();
    const gate = join(sandbox.root, "gate");
    sandbox.setPlan({
      "*": { waitFor: gate, findings: [finding("low", "src/db.ts", 2, "query returns its input")] },
      synthesis: { synthesis: true },
    });
    const run = startDrover(["convoy", "start", "code-review", "--files", "src/**/*.ts"]);
    const id = await eventually(() => convoyIds()[0], "the convoy's state file");
    await eventually(
      () => state(id).agents.filter((a: { status: string }) => a.status === "running").length === 3,
      "three reviewers recorded as running",
    );
    run.child.kill("SIGKILL");
    await run.exit;

    // The agents outlive the drover process in tmux; the convoy shows as interrupted.
    expect(tmuxSessions(id)).toHaveLength(3);
    const status = await drover(["convoy", "status", id]);
    expect(status.stdout).toContain(`${id} · code-review · interrupted`);
    expect(status.stdout).toContain(`\`drover convoy resume ${id}\` continues it`);
    expect((await drover(["convoy", "list", "--status", "interrupted"])).stdout).toContain(id);

    const resumed = startDrover(["convoy", "resume", id]);
    await eventually(
      () => state(id).owner?.pid === resumed.child.pid,
      "the resumed process owning the convoy",
    );
    writeFileSync(gate, "");
    expect(await resumed.exit, resumed.output()).toBe(0);
    expect(state(id).status).toBe("completed");
    for (const r of reviewers) expect(sandbox.events().filter((e) => e === `start ${r}`)).toHaveLength(1);
    expect(sandbox.events().filter((e) => e === "start synthesis")).toHaveLength(1);
  });

  it("explains mistakes with exit code 2, and lists templates", async () => {
    sandbox = createSandbox();
    const unknown = await drover(["convoy", "start", "code-reveiw", "--files", "src/**/*.ts"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(
      'There is no convoy template named "code-reveiw". Templates: code-review,',
    );
    const noFiles = await drover(["convoy", "start", "code-review"]);
    expect(noFiles.code).toBe(2);
    expect(noFiles.stderr).toContain("files: code-review needs --files GLOB");
    const nothing = await drover(["convoy", "start", "code-review", "--files", "lib/**/*.rs"]);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toContain("(lib/**/*.rs matched no files)");
    const badTimeout = await drover([
      "convoy",
      "start",
      "code-review",
      "--files",
      "src/*.ts",
      "--timeout",
      "soon",
    ]);
    expect(badTimeout.code).toBe(2);
    expect(badTimeout.stderr).toContain('timeout: expected a duration such as "10m" or "90s", got "soon"');
    expect(convoyIds()).toEqual([]);

    const missing = await drover(["convoy", "status", "code-review-19990101-0000-abcd"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(
      "There is no convoy code-review-19990101-0000-abcd; `drover convoy list` shows them.",
    );
    expect((await drover(["convoy", "status"])).stderr).toContain("No convoys yet");
    expect((await drover(["convoy", "list"])).stdout).toContain("No convoys.");

    // A template of the user's own, in the runner's config dir, is listed with where it comes from.
    const userAgents = join(sandbox.root, "config", "agents");
    execFileSync("mkdir", ["-p", userAgents]);
    writeFileSync(
      join(userAgents, "api-reviewer.md"),
      "---\nname: api-reviewer\ndescription: Checks our API rules\noutput: findings\n---\nReview {{files}}.\n",
    );
    const templates = await drover(["convoy", "templates"]);
    expect(templates.code).toBe(0);
    expect(templates.stdout).toContain(
      `api-reviewer             findings  Checks our API rules (user: ${join(userAgents, "api-reviewer.md")})`,
    );
    expect(templates.stdout).toMatch(
      /code-review\s+Correctness, security and performance reviewers in parallel/,
    );
    expect(templates.stdout).toMatch(/security-reviewer\s+findings\s+Finds vulnerabilities/);
    const agents = join(sandbox.repo, ".github", "drover", "agents");
    execFileSync("mkdir", ["-p", agents]);
    writeFileSync(join(agents, "security-reviewer.md"), "---\nname: security-reviewer\n---\n");
    const broken = await drover(["convoy", "templates", "--json"]);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain(`${join(agents, "security-reviewer.md")} is invalid:\ndescription:`);
    expect(JSON.parse(broken.stdout).convoys.map((c: { name: string }) => c.name)).toContain("planning");
  }, 90_000);

  it("has --help on every convoy command", async () => {
    sandbox = createSandbox();
    for (const sub of ["start", "status", "list", "stop", "resume", "synthesize", "templates"]) {
      const help = await drover(["convoy", sub, "--help"]);
      expect(help.code, sub).toBe(0);
      expect(help.stdout).toContain(`Usage: drover convoy ${sub}`);
    }
  }, 90_000);
});
