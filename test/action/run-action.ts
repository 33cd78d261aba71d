// Runs the bundled Action (action/dist/index.js) the way a GitHub runner does: a real pull_request payload from
// @octokit/webhooks-examples at GITHUB_EVENT_PATH, inputs as INPUT_* variables, GITHUB_STEP_SUMMARY and
// GITHUB_OUTPUT files, the workspace a real git checkout — with GitHub's API answered by nock (fake-github.ts)
// and the stand-in agent on PATH as `claude`.
import { execFile } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import type { Sandbox } from "../convoy/fixtures.js";

const repoRoot = resolve(import.meta.dirname, "../..");
export const actionEntry = join(repoRoot, "action", "dist", "index.js");
const fakeGitHub = join(import.meta.dirname, "fake-github.ts");
// By path: `--import tsx` would be looked up from the workspace the Action runs in, which has no node_modules.
const tsxLoader = join(repoRoot, "node_modules", "tsx", "dist", "loader.mjs");

/** The first `pull_request` `opened` example: Codertocat/Hello-World#2. */
export function pullRequestPayload(): Record<string, unknown> & {
  pull_request: { number: number; head: { sha: string; repo: { full_name: string } } };
} {
  // The package is a JSON file whose typings do not describe it as a default export.
  const definitions = createRequire(import.meta.url)("@octokit/webhooks-examples") as {
    name: string;
    examples: { action?: string }[];
  }[];
  const example = definitions
    .find((d) => d.name === "pull_request")!
    .examples.find((e) => e.action === "opened")!;
  return structuredClone(example) as never;
}

export interface ActionRun {
  code: number;
  stdout: string;
  stderr: string;
  requests: { method: string; path: string; body?: Record<string, unknown>; unmatched?: boolean }[];
  summary: string;
  outputs: Record<string, string>;
}

export interface GitHubScenario {
  files: Record<string, unknown>[];
  comments?: Record<string, unknown>[];
  reviews?: Record<string, unknown>[];
  refuseFirstReview?: boolean;
}

export function runAction(
  sandbox: Sandbox,
  options: {
    inputs: Record<string, string>;
    scenario: GitHubScenario;
    payload?: Record<string, unknown>;
    eventName?: string;
  },
): Promise<ActionRun> {
  const payload = options.payload ?? pullRequestPayload();
  const files = {
    event: join(sandbox.root, "event.json"),
    summary: join(sandbox.root, "step-summary.md"),
    output: join(sandbox.root, "github-output.txt"),
    scenario: join(sandbox.root, "github-scenario.json"),
    log: join(sandbox.root, "github-requests.jsonl"),
  };
  writeFileSync(files.event, JSON.stringify(payload));
  for (const f of [files.summary, files.output, files.log]) writeFileSync(f, "");
  const repository = payload.repository as { name: string; owner: { login: string }; full_name: string };
  writeFileSync(
    files.scenario,
    JSON.stringify({
      api: "https://api.github.com",
      owner: repository.owner.login,
      repo: repository.name,
      number: (payload.pull_request as { number: number }).number,
      ...options.scenario,
    }),
  );
  const inputs = Object.fromEntries(
    Object.entries(options.inputs).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value]),
  );
  // What a runner sets, and nothing of this machine's own GitHub or model credentials.
  const env: Record<string, string> = {
    PATH: sandbox.env.PATH!,
    HOME: sandbox.root,
    DROVER_STANDIN_PLAN: sandbox.env.DROVER_STANDIN_PLAN!,
    DROVER_STANDIN_RECORD: sandbox.env.DROVER_STANDIN_RECORD!,
    GITHUB_ACTIONS: "true",
    GITHUB_EVENT_NAME: options.eventName ?? "pull_request",
    GITHUB_EVENT_PATH: files.event,
    GITHUB_WORKSPACE: sandbox.repo,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_OUTPUT: files.output,
    GITHUB_REPOSITORY: repository.full_name,
    GITHUB_API_URL: "https://api.github.com",
    GITHUB_SERVER_URL: "https://github.com",
    GITHUB_RUN_ID: "4242",
    RUNNER_TEMP: join(sandbox.root, "runner-temp"),
    FAKE_GITHUB_SCENARIO: files.scenario,
    FAKE_GITHUB_LOG: files.log,
    ...inputs,
  };
  return new Promise((done) => {
    execFile(
      process.execPath,
      ["--import", tsxLoader, "--import", fakeGitHub, actionEntry],
      { env, cwd: sandbox.repo, timeout: 90_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        const read = (f: string) => (existsSync(f) ? readFileSync(f, "utf8") : "");
        done({
          code,
          stdout,
          stderr,
          requests: read(files.log)
            .split("\n")
            .filter(Boolean)
            .map((l) => JSON.parse(l)),
          summary: read(files.summary),
          outputs: parseOutputs(read(files.output)),
        });
      },
    );
  });
}

// GITHUB_OUTPUT holds `name<<delimiter` / value / `delimiter` blocks (what @actions/core writes).
function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^<]+)<<(.+)$/.exec(lines[i]!);
    if (!match) continue;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== match[2]; i++) value.push(lines[i]!);
    outputs[match[1]!] = value.join("\n");
  }
  return outputs;
}
