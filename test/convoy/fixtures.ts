// Shared set-up for convoy tests: a real git repository in a temp folder, the stand-in agent (as a custom command
// or as `claude` on PATH), its plan, and what it recorded.
import { execFileSync } from "node:child_process";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";

export const standInScript = resolve(import.meta.dirname, "stand-in/stand-in-agent.mjs");
/** A custom agent command that runs the stand-in. */
export const standInCommand = `${process.execPath} ${standInScript}`;

export interface StandInBehaviour {
  findings?: unknown[];
  synthesis?: boolean;
  summary?: string;
  delayMs?: number;
  waitFor?: string;
  hang?: boolean;
  exitCode?: number;
  stderr?: string;
  invalid?: boolean;
  text?: string;
  writeOutputFile?: boolean;
}
export type StandInPlan = Record<string, StandInBehaviour>;

export interface Sandbox {
  root: string;
  repo: string;
  data: string;
  record: string;
  /** A folder with `claude` (the stand-in) for PATH. */
  bin: string;
  planFile: string;
  setPlan(plan: StandInPlan): void;
  /** Environment for agents and CLI runs: the plan, the record folder, the stand-in first on PATH. */
  env: Record<string, string>;
  events(): string[];
  prompt(role: string): string;
  args(role: string): string[];
  /** Names of the credential variables the agent saw. */
  secretsSeen(role: string): string[];
  remove(): void;
}

export function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", ["-C", cwd, ...args], { encoding: "utf8" }).trim();
}

export const sampleFiles: Record<string, string> = {
  "src/app.ts":
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the sample is TypeScript holding a template literal
    'import { query } from "./db.js";\n\nexport function find(id: string) {\n  return query(`SELECT * FROM users WHERE id = ${id}`);\n}\n',
  "src/db.ts": "export function query(sql: string) {\n  return sql;\n}\n",
  "src/util/list.ts":
    "export function uniq(items: string[]) {\n  return items.filter((x, i) => items.indexOf(x) === i);\n}\n",
  "README.md": "# sample\n",
  "test/app.test.ts": "// not under src\n",
};

export function createSandbox(files: Record<string, string> = sampleFiles): Sandbox {
  const root = realpathSync(mkdtempSync(join(tmpdir(), "drover-convoy-")));
  const repo = join(root, "repo");
  const data = join(root, "data");
  const record = join(root, "record");
  const bin = join(root, "bin");
  const planFile = join(root, "plan.json");
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(repo, path)), { recursive: true });
    writeFileSync(join(repo, path), content);
  }
  git(repo, "init", "-q", "-b", "main");
  git(repo, "add", "-A");
  git(repo, "-c", "user.name=t", "-c", "user.email=t@t.invalid", "commit", "-q", "-m", "start");
  mkdirSync(bin);
  writeFileSync(join(bin, "claude"), `#!/bin/sh\nexec ${process.execPath} ${standInScript} claude "$@"\n`);
  chmodSync(join(bin, "claude"), 0o755);
  writeFileSync(planFile, "{}");
  const read = (file: string) => (existsSync(file) ? readFileSync(file, "utf8") : "");
  return {
    root,
    repo,
    data,
    record,
    bin,
    planFile,
    setPlan: (plan) => writeFileSync(planFile, JSON.stringify(plan)),
    env: {
      DROVER_STANDIN_PLAN: planFile,
      DROVER_STANDIN_RECORD: record,
      PATH: `${bin}:${process.env.PATH}`,
    },
    events: () => read(join(record, "events.log")).split("\n").filter(Boolean),
    prompt: (role) => read(join(record, `${role}.prompt.md`)),
    args: (role) => JSON.parse(read(join(record, `${role}.args.json`)) || "[]"),
    secretsSeen: (role) => JSON.parse(read(join(record, `${role}.env.json`)) || "[]"),
    remove: () => rmSync(root, { recursive: true, force: true, maxRetries: 5 }),
  };
}

/** Findings as a reviewer would write them. */
export function finding(
  severity: string,
  file: string,
  line: number | string | [number, number] | undefined,
  title: string,
  extra: Record<string, unknown> = {},
) {
  return {
    severity,
    file,
    ...(line === undefined ? {} : { line }),
    title,
    detail: `${title}: explained.`,
    ...extra,
  };
}

/** Polls until `check` returns a value (not undefined/false), or fails after `timeoutMs`. */
export async function eventually<T>(
  check: () => T | undefined | false | Promise<T | undefined | false>,
  what: string,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
