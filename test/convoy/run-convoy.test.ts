// The convoy engine with stand-in agents as real processes: phases in dependency order with a phase's agents in
// parallel, partial results when agents fail, time out or print invalid findings, stop, and resume after the
// process running the convoy is killed.
import { execFile } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { processAlive } from "../../src/convoy/process-runtime.js";
import { runConvoy } from "../../src/convoy/run-convoy.js";
import { stopConvoy } from "../../src/convoy/stop-convoy.js";
import { prepareConvoy } from "./engine-harness.js";
import { createSandbox, eventually, finding, type Sandbox } from "./fixtures.js";

let sandbox: Sandbox;
afterEach(() => sandbox?.remove());

const reviewers = ["correctness", "security", "performance"];

describe("runConvoy", () => {
  it("runs the reviewers in parallel, then the synthesis on their deduplicated findings", async () => {
    sandbox = createSandbox();
    const gate = join(sandbox.root, "gate");
    sandbox.setPlan({
      correctness: {
        waitFor: gate,
        findings: [
          finding("high", "src/app.ts", 4, "SQL built by string concatenation"),
          finding("low", "src/db.ts", 2, "query returns its input"),
        ],
      },
      security: {
        waitFor: gate,
        findings: [finding("critical", "src/app.ts", "3-4", "SQL injection by string concatenation")],
      },
      performance: {
        waitFor: gate,
        findings: [finding("medium", "src/util/list.ts", [1, 3], "Quadratic uniq")],
      },
      synthesis: { synthesis: true, summary: "Fix the injection before merging." },
    });
    const h = await prepareConvoy(sandbox, "code-review");
    const running = h.run();

    // All three are running at once while none can finish: they were started together, not one by one.
    await eventually(
      () => reviewers.every((r) => sandbox.events().includes(`start ${r}`)),
      "three reviewers started",
    );
    const saved = await h.store.load(h.state.id);
    expect(saved?.agents.filter((a) => a.status === "running").map((a) => a.role)).toEqual(reviewers);
    expect(sandbox.events()).not.toContain("start synthesis");
    writeFileSync(gate, "");
    const final = await running;

    // The synthesis started only after every reviewer had ended.
    const events = sandbox.events();
    const synthesisAt = events.indexOf("start synthesis");
    for (const r of reviewers) expect(events.indexOf(`end ${r}`)).toBeLessThan(synthesisAt);
    expect(final.status).toBe("completed");
    expect(final.agents.map((a) => a.status)).toEqual(["succeeded", "succeeded", "succeeded", "succeeded"]);

    // Dedupe is code: the two SQL findings are one, naming both reviewers, with the worse severity.
    const result = final.result!;
    expect(result.reported).toBe(4);
    expect(result.duplicatesRemoved).toBe(1);
    expect(result.findings.map((f) => [f.id, f.severity, f.file, f.line, f.reviewers])).toEqual([
      ["F1", "critical", "src/app.ts", { start: 3, end: 4 }, ["correctness", "security"]],
      ["F2", "medium", "src/util/list.ts", { start: 1, end: 3 }, ["performance"]],
      ["F3", "low", "src/db.ts", { start: 2, end: 2 }, ["correctness"]],
    ]);
    expect(result.counts).toEqual({ blocker: 0, critical: 1, high: 0, medium: 1, low: 1 });
    // The synthesis saw those findings with their ids and prioritised by id.
    expect(sandbox.prompt("synthesis")).toContain('"id": "F1"');
    expect(sandbox.prompt("synthesis")).toContain("(none: every agent this one depends on finished)");
    expect(result.priorities.map((p) => p.id)).toEqual(["F1", "F2"]);
    // Each reviewer got the files and the answer format.
    expect(sandbox.prompt("security")).toContain("- src/app.ts\n- src/db.ts\n- src/util/list.ts");
    expect(sandbox.prompt("security")).toContain('{"findings": [{"severity": "high"');

    const report = readFileSync(result.reportFile!, "utf8");
    expect(report).toContain("# Convoy report: code-review");
    expect(report).toContain("**Status:** completed · 4 of 4 agents finished");
    expect(report).toContain("## Executive summary\n\nFix the injection before merging.");
    expect(report).toContain("| Critical | 1 |");
    expect(report).toContain("| **Total** | **3** |");
    expect(report).toContain(
      "1. **SQL injection by string concatenation** (F1, critical) — `src/app.ts:3-4`: SQL injection by string concatenation must be fixed first.",
    );
    expect(report).toContain(
      "### Critical (1)\n\n- **F1 · SQL injection by string concatenation** — `src/app.ts:3-4` · correctness, security",
    );
    expect(report).toContain(
      "### Low (1)\n\n- **F3 · query returns its input** — `src/db.ts:2` · correctness",
    );
    expect(report).toContain("| Files reviewed | 3 |");
    expect(report).toContain("| Findings | 3 (4 reported, 1 duplicates removed) |");
    expect(report).toContain("| Reviewers missing | 0 |");
  });

  it("is partial when reviewers fail, and the synthesis still runs and says what is missing", async () => {
    sandbox = createSandbox();
    sandbox.setPlan({
      correctness: { delayMs: 300, findings: [finding("high", "src/app.ts", 4, "SQL built from input")] },
      security: { exitCode: 3, stderr: "security reviewer crashed\n" },
      performance: { invalid: true },
      synthesis: { synthesis: true },
    });
    const final = await (await prepareConvoy(sandbox, "code-review")).run();

    expect(final.status).toBe("partial");
    const byRole = Object.fromEntries(final.agents.map((a) => [a.role, a]));
    expect(byRole.security).toMatchObject({
      status: "failed",
      exitCode: 3,
      error: "exited with code 3: security reviewer crashed",
    });
    expect(byRole.performance!.status).toBe("failed");
    expect(byRole.performance!.error).toMatch(/^invalid findings: the last ```json block is not valid JSON/);
    expect(byRole.synthesis!.status).toBe("succeeded");
    expect(sandbox.prompt("synthesis")).toContain(
      "- security: exited with code 3: security reviewer crashed",
    );
    expect(sandbox.prompt("synthesis")).toContain("- performance: invalid findings:");

    const report = readFileSync(final.result!.reportFile!, "utf8");
    expect(report).toContain("**Status:** partial · 2 of 4 agents finished");
    expect(report).toContain("| Reviewers | 1 of 3 finished |");
    expect(report).toContain("| Reviewers missing | 2 |");
    expect(report).toContain("- security (failed): exited with code 3: security reviewer crashed");
    expect(report).toContain("- performance (failed): invalid findings:");
    // What was invalid is kept for whoever debugs the reviewer.
    expect(byRole.performance!.outputText).toContain('"severity": "urgent"');
  });

  it("stops an agent at its time limit (a repo template extending code-review) and still synthesizes", async () => {
    sandbox = createSandbox();
    const convoys = join(sandbox.repo, ".github", "drover", "convoys");
    mkdirSync(convoys, { recursive: true });
    writeFileSync(
      join(convoys, "quick-review.yml"),
      "extends: code-review\ndescription: code-review with a short leash\nagents:\n  - role: performance\n    timeout: 1s\n",
    );
    sandbox.setPlan({
      correctness: { findings: [] },
      security: { findings: [] },
      performance: { hang: true },
      synthesis: { synthesis: true },
    });
    const final = await (await prepareConvoy(sandbox, "quick-review")).run();

    expect(final.status).toBe("partial");
    const performance = final.agents.find((a) => a.role === "performance")!;
    expect(performance).toMatchObject({
      status: "timed_out",
      error: "did not finish within 1s",
      timeoutMs: 1000,
    });
    expect(final.agents.find((a) => a.role === "correctness")!.timeoutMs).toBe(10 * 60_000);
    await eventually(() => sandbox.events().includes("killed performance"), "the hung agent killed");
    expect(processAlive(performance.handle!.pid as number)).toBe(false);
    expect(sandbox.prompt("synthesis")).toContain("- performance: did not finish within 1s");
    expect(final.result!.missing).toEqual([
      { role: "performance", status: "timed_out", reason: "did not finish within 1s" },
    ]);
  });

  it("stops every agent when asked from outside, and the synthesis never starts", async () => {
    sandbox = createSandbox();
    sandbox.setPlan({ "*": { hang: true } });
    const h = await prepareConvoy(sandbox, "code-review");
    const running = h.run();
    await eventually(
      () => reviewers.every((r) => sandbox.events().includes(`start ${r}`)),
      "three reviewers started",
    );
    const state = (await h.store.load(h.state.id))!;

    const stopped = await stopConvoy(state, { store: h.store, launcher: h.launcher });
    const final = await running;

    expect(stopped.status).toBe("stopped");
    expect(final.status).toBe("stopped");
    expect(final.agents.map((a) => [a.role, a.status])).toEqual([
      ["correctness", "stopped"],
      ["security", "stopped"],
      ["performance", "stopped"],
      ["synthesis", "stopped"],
    ]);
    expect(final.agents.find((a) => a.role === "synthesis")!.error).toBe("never started: stopped");
    for (const agent of final.agents.slice(0, 3)) {
      await eventually(() => !processAlive(agent.handle!.pid as number), `${agent.role} gone`);
    }
    expect(sandbox.events()).not.toContain("start synthesis");
    expect(await h.store.stopRequested(h.state.id)).toBe(false);
    expect(readFileSync(final.result!.reportFile!, "utf8")).toContain(
      "**Status:** stopped · 0 of 4 agents finished",
    );
  });

  it("resumes after the process running it was killed: running agents are waited for, not started again", async () => {
    sandbox = createSandbox();
    const gate = join(sandbox.root, "gate");
    sandbox.setPlan({
      correctness: { waitFor: gate, findings: [finding("high", "src/app.ts", 4, "SQL built from input")] },
      security: { waitFor: gate, findings: [] },
      performance: { waitFor: gate, findings: [] },
      synthesis: { synthesis: true },
    });
    const h = await prepareConvoy(sandbox, "code-review");
    const child = execFile(
      process.execPath,
      ["--import", "tsx", resolve(import.meta.dirname, "run-convoy-child.ts")],
      {
        env: {
          ...process.env,
          ...sandbox.env,
          CONVOY_STORE: `${sandbox.data}/convoys`,
          CONVOY_ID: h.state.id,
        },
      },
    );
    await eventually(async () => {
      const s = await h.store.load(h.state.id);
      return s?.agents.filter((a) => a.status === "running").length === 3;
    }, "three reviewers running in the child");
    child.kill("SIGKILL");
    await eventually(() => child.exitCode !== null || child.signalCode !== null, "the child gone");

    const orphaned = (await h.store.load(h.state.id))!;
    expect(orphaned.status).toBe("running");
    expect(processAlive(orphaned.owner!.pid)).toBe(false);
    for (const a of orphaned.agents.slice(0, 3)) expect(processAlive(a.handle!.pid as number)).toBe(true);

    const resumed = runConvoy(orphaned, { launcher: h.launcher, store: h.store, stopPollMs: 50 });
    writeFileSync(gate, "");
    const final = await resumed;
    expect(final.status).toBe("completed");
    expect(final.result!.findings.map((f) => f.title)).toEqual(["SQL built from input"]);
    // Each reviewer ran once: the resumed engine waited for the ones the dead process had started.
    for (const r of reviewers) expect(sandbox.events().filter((e) => e === `start ${r}`)).toHaveLength(1);
    expect(sandbox.events().filter((e) => e === "start synthesis")).toHaveLength(1);
  });

  it("runs a prose convoy (planning): the plan writer gets the others' notes, the report leads with the plan", async () => {
    sandbox = createSandbox();
    sandbox.setPlan({
      architecture: { text: "Put the lookup behind a repository class in src/db.ts." },
      risks: { text: "Callers rely on find() returning raw rows." },
      tests: { exitCode: 1, stderr: "no test runner found" },
      plan: { text: "1. Add UserRepository.\n2. Move find() onto it." },
    });
    const final = await (
      await prepareConvoy(sandbox, "planning", { issue: "#42 SQL lookups are unsafe" })
    ).run();

    expect(final.status).toBe("partial");
    const planPrompt = sandbox.prompt("plan");
    expect(planPrompt).toContain("The issue: #42 SQL lookups are unsafe");
    expect(planPrompt).toContain(
      "### architecture (architecture-planner)\n\nPut the lookup behind a repository class",
    );
    expect(planPrompt).toContain("### risks (risk-analyst)\n\nCallers rely on find() returning raw rows.");
    expect(planPrompt).toContain("- tests: exited with code 1: no test runner found");
    // Prose agents get no findings format appended.
    expect(planPrompt).not.toContain("## How to answer");

    const report = readFileSync(final.result!.reportFile!, "utf8");
    expect(report).toContain("**Issue:** #42 SQL lookups are unsafe");
    expect(report).toContain("## Plan\n\n1. Add UserRepository.\n2. Move find() onto it.");
    expect(report).toContain(
      "## Agent notes\n\n<details><summary>architecture (architecture-planner)</summary>",
    );
    expect(report).not.toContain("## Findings by severity");
    expect(report).toContain("- tests (failed): exited with code 1: no test runner found");
  });
});
