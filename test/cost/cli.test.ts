// `drover cost` as users run it: the built dist/ (vitest's global setup builds it), JSON shape, table,
// exit codes and messages; also checks that worker threads start from the built JavaScript.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateClaudeCorpus } from "../support/cost-corpus.js";

const cli = resolve("dist/runner/commands/cost.js");
const root = mkdtempSync(join(tmpdir(), "drover-cli-"));
const corpus = join(root, "claude");
afterAll(() => rmSync(root, { recursive: true, force: true }));
beforeAll(() => {
  generateClaudeCorpus({ dir: corpus, targetBytes: 600_000, seed: 5, edgeCases: true });
  // A model no price table knows, for the "no price" note.
  mkdirSync(join(corpus, "projects", "lab"), { recursive: true });
  writeFileSync(
    join(corpus, "projects", "lab", "unknown-model.jsonl"),
    `${JSON.stringify({ timestamp: "2025-09-02T10:00:00.000Z", requestId: "req_u", message: { id: "msg_u", model: "acme-coder-7b", usage: { input_tokens: 10, output_tokens: 5 } } })}\n`,
  );
});

function run(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [cli, ...args], {
    env: {
      PATH: process.env.PATH ?? "",
      HOME: root,
      XDG_CACHE_HOME: join(root, "cache"),
      CLAUDE_CONFIG_DIR: corpus,
      CODEX_HOME: join(root, "no-codex"),
      ...env,
    },
    encoding: "utf8",
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("drover cost (built)", () => {
  it("prints ccusage's JSON shape", () => {
    const { code, stdout, stderr } = run(["daily", "--json", "-z", "UTC"]);
    expect(code).toBe(0);
    expect(stderr).toBe(""); // no progress line when stderr is not a terminal
    const json = JSON.parse(stdout);
    expect(Object.keys(json)).toEqual(["daily", "totals"]);
    expect(Object.keys(json.daily[0])).toEqual(
      expect.arrayContaining([
        "date",
        "inputTokens",
        "outputTokens",
        "cacheCreationTokens",
        "cacheReadTokens",
        "totalTokens",
        "totalCost",
        "modelsUsed",
        "modelBreakdowns",
      ]),
    );
    expect(json.totals.unpricedModels).toEqual(["acme-coder-7b"]);
    const monthly = JSON.parse(run(["monthly", "--json", "-z", "UTC"]).stdout);
    const sessions = JSON.parse(run(["session", "--json", "-z", "UTC"]).stdout);
    expect(Object.keys(monthly)).toEqual(["monthly", "totals"]);
    expect(Object.keys(sessions)).toEqual(["sessions", "totals"]);
    expect(sessions.sessions[0]).toMatchObject({
      agent: "claude",
      firstActivity: expect.any(String),
      projectPath: expect.any(String),
    });
  });

  it("prints a table by default, with the models, the totals and what it skipped", () => {
    const { code, stdout } = run(["--breakdown", "-z", "UTC"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Agent token usage and cost by day/);
    expect(stdout).toMatch(/│ Total +│/);
    expect(stdout).toMatch(/└ sonnet-4-5/);
    expect(stdout).toMatch(/No price known for acme-coder-7b/);
    expect(stdout).toMatch(/Skipped \d+ malformed or truncated log line\(s\)/);
  });

  it("says clearly when no sessions are linked to issues", () => {
    const { code, stdout } = run(["issue", "--links", join(root, "links.json")]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/No agent sessions are linked to Drover issues yet/);
  });

  it("exits 2 with what to do when CLAUDE_CONFIG_DIR names nothing", () => {
    const { code, stderr } = run(["daily"], { CLAUDE_CONFIG_DIR: join(root, "nope") });
    expect(code).toBe(2);
    expect(stderr).toMatch(/CLAUDE_CONFIG_DIR is set to ".*nope", but none of its comma-separated entries/);
    expect(stderr).toMatch(/unset it to use the default locations/);
  });

  it.each([
    [["daily", "--mode", "cheap"], /argument 'cheap' is invalid/],
    [["daily", "--since", "2025-02-30"], /--since "2025-02-30" is not a date/],
    [["daily", "--timezone", "Mars/Olympus"], /unknown time zone "Mars\/Olympus"/],
    [["daily", "--frobnicate"], /unknown option/],
  ])("exits 2 on bad usage: %j", (args, message) => {
    const { code, stderr } = run(args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });

  it("exits 1 when the links file is broken, and 0 for --help", () => {
    const links = join(root, "broken-links.json");
    writeFileSync(links, "{ not json");
    const broken = run(["issue", "--links", links]);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/broken-links\.json: is not JSON/);
    const help = run(["daily", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--since <date>/);
  });

  it("runs worker threads from the built JavaScript", () => {
    const url = pathToFileURL(resolve("dist/src/cost/scan-pool.js")).href;
    const file = join(corpus, "projects");
    const script = `
      import { readdirSync } from "node:fs";
      import { join } from "node:path";
      import { runScans } from ${JSON.stringify(url)};
      const dir = join(${JSON.stringify(file)}, readdirSync(${JSON.stringify(file)})[0]);
      const path = join(dir, readdirSync(dir).find((n) => n.endsWith(".jsonl")));
      const [worker] = await runScans([{ agent: "claude", path, fromOffset: 0 }], { workers: 1, scanHere: false });
      const [here] = await runScans([{ agent: "claude", path, fromOffset: 0 }], { workers: 0 });
      const same = JSON.stringify([...worker.result.entries.ts, ...worker.result.entries.tokens]) === JSON.stringify([...here.result.entries.ts, ...here.result.entries.tokens]);
      console.log(JSON.stringify({ byWorker: worker.byWorker, same, entries: here.result.entries.count }));
    `;
    const result = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
    expect(result.stderr).toBe("");
    const out = JSON.parse(result.stdout);
    expect(out).toMatchObject({ byWorker: true, same: true });
    expect(out.entries).toBeGreaterThan(0);
  });
});
