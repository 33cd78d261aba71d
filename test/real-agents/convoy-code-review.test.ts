// A code-review convoy with the REAL Claude Code CLI: three `claude -p` reviewers in parallel and a synthesis,
// started by the convoy engine's own process launcher, each agent talking to its own script on the scripted
// model server — the reviewers read code and answer with findings, the synthesis prioritises them.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAgentLauncher } from "../../src/convoy/create-agent-launcher.js";
import { createConvoyState } from "../../src/convoy/create-convoy.js";
import { createFileConvoyStore } from "../../src/convoy/file-convoy-store.js";
import { listFiles } from "../../src/convoy/list-files.js";
import { loadTemplateCatalog } from "../../src/convoy/load-templates.js";
import { createProcessRuntime } from "../../src/convoy/process-runtime.js";
import { resolveConvoy } from "../../src/convoy/resolve-convoy.js";
import { runConvoy } from "../../src/convoy/run-convoy.js";
import { type ClaudeSandbox, createClaudeSandbox, installClaudeCode } from "../support/claude-cli.js";
import { type ModelServer, startModelServer, type Turn } from "../support/model-server.js";

let bin: string;
let server: ModelServer;
let root: string;
let sandbox: ClaudeSandbox | undefined;

beforeAll(async () => {
  bin = await installClaudeCode();
  server = await startModelServer();
  root = realpathSync(mkdtempSync(join(tmpdir(), "drover-real-convoy-")));
}, 15 * 60_000);

afterAll(async () => {
  sandbox?.remove();
  await server?.close();
  if (root) rmSync(root, { recursive: true, force: true, maxRetries: 5 });
});

const answer = (prose: string, block: unknown): Turn => ({
  text: `${prose}\n\n\`\`\`json\n${JSON.stringify(block, null, 2)}\n\`\`\``,
});

function newRepo(): string {
  const repo = join(root, "repo");
  const files: Record<string, string> = {
    "src/app.ts":
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the sample is TypeScript holding a template literal
      'import { query } from "./db.js";\n\nexport function find(id: string) {\n  return query(`SELECT * FROM users WHERE id = ${id}`);\n}\n',
    "src/db.ts": "export function query(sql: string) {\n  return sql;\n}\n",
    "src/list.ts":
      "export function uniq(items: string[]) {\n  return items.filter((x, i) => items.indexOf(x) === i);\n}\n",
  };
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(repo, path)), { recursive: true });
    writeFileSync(join(repo, path), content);
  }
  const git = (...args: string[]) => execFileSync("git", ["-C", repo, ...args]);
  git("init", "-q", "-b", "main");
  git("add", "-A");
  git("-c", "user.name=t", "-c", "user.email=t@t.invalid", "commit", "-q", "-m", "start");
  return repo;
}

describe("a code-review convoy of real Claude Code agents", () => {
  it("runs three reviewers and a synthesis and reports their deduplicated, prioritised findings", async () => {
    const repo = newRepo();
    const urls = {
      correctness: server.script("correctness", [
        // A real reviewer reads the code first: the CLI runs its Read tool and sends the result back.
        { tool: { name: "Read", input: { file_path: join(repo, "src/app.ts") } } },
        answer("The lookup builds SQL from its argument.", {
          findings: [
            {
              severity: "high",
              file: "src/app.ts",
              line: 4,
              title: "SQL built by string concatenation",
              detail: "id is pasted into the query.",
            },
          ],
        }),
      ]),
      security: server.script("security", [
        answer("One injection.", {
          findings: [
            {
              severity: "critical",
              file: "src/app.ts",
              line: "3-4",
              title: "SQL injection by string concatenation",
              detail: "Any caller-controlled id runs as SQL.",
              suggestion: "Use a parameterised query.",
            },
          ],
        }),
      ]),
      performance: server.script("performance", [
        answer("One slow path.", {
          findings: [
            {
              severity: "medium",
              file: "src/list.ts",
              line: 2,
              title: "Quadratic uniq",
              detail: "indexOf in filter.",
            },
          ],
        }),
      ]),
      synthesis: server.script("synthesis", [
        answer("Here is the synthesis.", {
          summary: "Do not merge yet: the lookup is open to SQL injection.",
          priorities: [
            { id: "F1", why: "Anyone who controls an id can read the database." },
            { id: "F2", why: "Slow on large lists." },
          ],
        }),
      ]),
    };
    sandbox = createClaudeSandbox({ baseUrl: server.url, worktree: repo });

    const store = createFileConvoyStore(join(root, "convoys"));
    const catalog = await loadTemplateCatalog({
      repoDir: repo,
      env: { XDG_CONFIG_HOME: join(root, "config") },
    });
    const state = createConvoyState({
      convoy: resolveConvoy(catalog, "code-review", { timeoutMs: 120_000 }),
      inputs: { files: await listFiles(repo, ["src/**/*.ts"]) },
      cwd: repo,
      runtime: "process",
      dirFor: store.convoyDir,
    });
    const launcher = createAgentLauncher(createProcessRuntime(), { claudeBin: bin, baseEnv: sandbox.env });
    const final = await runConvoy(state, {
      launcher,
      store,
      agentEnv: (agent) => ({ ANTHROPIC_BASE_URL: urls[agent.role as keyof typeof urls] }),
    });

    expect(
      final.agents.map((a) => [a.role, a.status, a.error]),
      JSON.stringify(final.agents.map((a) => a.outputText)),
    ).toEqual([
      ["correctness", "succeeded", undefined],
      ["security", "succeeded", undefined],
      ["performance", "succeeded", undefined],
      ["synthesis", "succeeded", undefined],
    ]);
    expect(final.status).toBe("completed");
    const result = final.result!;
    expect(result.findings.map((f) => [f.id, f.severity, f.file, f.line, f.reviewers])).toEqual([
      ["F1", "critical", "src/app.ts", { start: 3, end: 4 }, ["correctness", "security"]],
      ["F2", "medium", "src/list.ts", { start: 2, end: 2 }, ["performance"]],
    ]);
    expect(result.duplicatesRemoved).toBe(1);
    expect(result.summary).toBe("Do not merge yet: the lookup is open to SQL injection.");
    expect(result.priorities).toEqual([
      { id: "F1", why: "Anyone who controls an id can read the database." },
      { id: "F2", why: "Slow on large lists." },
    ]);
    // Claude's own cost line came through the stream-json result.
    for (const agent of final.agents) expect(agent.costUsd, agent.role).toBeGreaterThan(0);
    const report = readFileSync(result.reportFile!, "utf8");
    expect(report).toContain("Do not merge yet: the lookup is open to SQL injection.");
    expect(report).toContain(
      "1. **SQL injection by string concatenation** (F1, critical) — `src/app.ts:3-4`",
    );

    // What the real CLI sent: each agent its own script, the reviewers' prompts with the files, the synthesis's
    // with the deduplicated findings, read-only tools, the templates' models, and nothing unscripted.
    expect(server.requests({ kind: "unexpected" })).toEqual([]);
    for (const role of ["correctness", "security", "performance", "synthesis"]) {
      expect(server.remainingTurns(role), role).toBe(0);
    }
    expect(server.requests({ script: "correctness", kind: "turn" })).toHaveLength(2);
    const correctnessPrompt = server
      .userTexts("correctness")
      .find((t) => t.includes("correctness reviewer"))!;
    expect(correctnessPrompt).toContain("- src/app.ts\n- src/db.ts\n- src/list.ts");
    expect(server.userTexts("correctness").some((t) => t.includes("SELECT * FROM users"))).toBe(true);
    const synthesisPrompt = server.userTexts("synthesis").find((t) => t.includes("Findings:"))!;
    expect(synthesisPrompt).toContain('"id": "F1"');
    expect(synthesisPrompt).toContain('"reviewers": [\n      "correctness",\n      "security"\n    ]');
    const firstTurn = (script: string) => server.requests({ script, kind: "turn" })[0]!;
    const tools = (firstTurn("security").body?.tools ?? []).map((t) => t.name);
    expect(tools).toEqual(expect.arrayContaining(["Read", "Grep", "Glob"]));
    expect(tools).not.toContain("Bash");
    expect(tools).not.toContain("Write");
    expect(firstTurn("security").body?.model).toMatch(/sonnet/);
    expect(firstTurn("synthesis").body?.model).toMatch(/opus/);
    // The synthesis asked only after every reviewer had its last answer.
    const lastReviewerSeq = Math.max(
      ...["correctness", "security", "performance"].flatMap((s) =>
        server.requests({ script: s }).map((r) => r.seq),
      ),
    );
    expect(firstTurn("synthesis").seq).toBeGreaterThan(lastReviewerSeq);
  }, 180_000);
});
