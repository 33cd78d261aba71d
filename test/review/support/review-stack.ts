// `/drover review` end to end: the app in this process as `drover serve` runs it, with GitHub faked by nock
// (test/github's harness, plus the review endpoints), a bare origin repository holding the pull request as
// GitHub publishes it (`refs/pull/<n>/head`), and real runner daemons (test/runner's runner stack), each with its
// own clone of origin and the convoy stand-in on PATH as `claude`.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { ConvoyRecord } from "../../../src/server/runner/convoy-log.js";
import { readConvoy } from "../../../src/server/runner/convoy-log.js";
import { createSandbox, git, type Sandbox, type StandInPlan } from "../../convoy/fixtures.js";
import { type Harness, startHarness } from "../../github/support/github-harness.js";
import { issueCommentCreated, testRepo } from "../../github/support/payloads.js";
import {
  gitIdentity,
  killTmux,
  type RunnerProcess,
  registeredRunner,
  registrationToken,
  runEveryStep,
  waitFor,
} from "../../runner/support/runner-stack.js";
import { FakePullReviews } from "./fake-pull-reviews.js";

/** The files on the default branch the pull requests start from. */
export const baseFiles: Record<string, string> = {
  "src/app.ts":
    'import { query } from "./db.js";\n\nexport function find(id: string) {\n  return query("SELECT * FROM users WHERE id = ?", id);\n}\n',
  "src/db.ts":
    "export function query(sql: string, ...args: unknown[]) {\n  return sql.trim() + args.length;\n}\n",
  "src/util/list.ts":
    "export function uniq(items: string[]) {\n  return items.filter((x, i) => items.indexOf(x) === i);\n}\n",
  "README.md": "# sample\n",
};

export interface ReviewStack {
  h: Harness;
  reviews: FakePullReviews;
  sandbox: Sandbox;
  /** The bare repository every runner's checkout was cloned from. */
  origin: string;
  /** A runner with a clone of origin of its own; `plan` replaces the stand-in's plan for its agents. */
  addRunner(name: string, options?: { plan?: StandInPlan; leaseMs?: number }): Promise<RunnerProcess>;
  /** Where a runner's own plan is (given with `plan` when it was added); agents read it when they start. */
  planFile(runnerName: string): string;
  /** Commits the files on the PR's head (or main for a new PR) and publishes it as GitHub does. */
  pushPullRequest(pr: number, files: Record<string, string>, message: string): string;
  /** What Drover wrote in the PR's conversation (its answers and failure comments), oldest first. */
  droverComments(pr: number): string[];
  /** `/drover review` (or another comment) on the PR by someone with write access. */
  comment(pr: number, body: string): Promise<void>;
  convoy(id: string): Promise<ConvoyRecord | undefined>;
  /** Waits like waitFor; on a timeout the error tells the jobs, the convoys' logs and the runners' last output. */
  waitFor<T>(
    check: () => Promise<T | undefined | false> | T | undefined | false,
    what: string,
    timeoutMs?: number,
  ): Promise<T>;
  /** The convoys a runner has run (its file store). */
  convoyIds(runner: RunnerProcess): string[];
  close(): Promise<void>;
}

export async function startReviewStack(name: string): Promise<ReviewStack> {
  const reviews = new FakePullReviews(testRepo.fullName).start();
  const h = await startHarness(name);
  // As `drover serve` with DROVER_REGISTRATION_TOKEN set: runners register themselves.
  h.app.env.DROVER_REGISTRATION_TOKEN = registrationToken;
  h.fake.permissions.set("maria", "write");
  const serverUrl = new URL(h.url).origin;
  const sandbox = createSandbox(baseFiles);
  const origin = join(sandbox.root, "origin.git");
  execFileSync("git", ["clone", "-q", "--bare", sandbox.repo, origin]);
  const work = join(sandbox.root, "work");
  execFileSync("git", ["clone", "-q", origin, work]);
  const runners: RunnerProcess[] = [];
  let nextComment = 7_000;

  const pullFiles = (head: string) => {
    const base = git(work, "merge-base", "origin/main", head);
    return git(work, "diff", "--name-status", "--no-renames", base, head)
      .split("\n")
      .filter(Boolean)
      .map((line) => {
        const [status, filename] = line.split("\t") as [string, string];
        const patch = git(work, "diff", "--no-color", base, head, "--", filename);
        const hunks = patch.slice(patch.indexOf("@@"));
        return {
          filename,
          status: status === "A" ? "added" : status === "D" ? "removed" : "modified",
          ...(status === "D" ? {} : { patch: hunks }),
        };
      });
  };

  const planFileOf = (runnerName: string) => join(sandbox.root, `${runnerName}-plan.json`);
  const convoyIds = (runner: RunnerProcess) => {
    const dir = join(runner.dataDir, "convoys");
    return existsSync(dir)
      ? readdirSync(dir)
          .filter((f) => f.endsWith(".json"))
          .map((f) => f.slice(0, -5))
      : [];
  };

  return {
    h,
    reviews,
    sandbox,
    origin,
    async addRunner(runnerName, options = {}) {
      const checkout = join(sandbox.root, `${runnerName}-checkout`);
      execFileSync("git", ["clone", "-q", origin, checkout]);
      const env: NodeJS.ProcessEnv = { ...sandbox.env };
      if (options.plan) {
        const planFile = planFileOf(runnerName);
        writeFileSync(planFile, JSON.stringify(options.plan));
        env.DROVER_STANDIN_PLAN = planFile;
      }
      const runner = await registeredRunner(
        sandbox.root,
        runnerName,
        serverUrl,
        testRepo.fullName,
        checkout,
        env,
        true,
        false,
      );
      runners.push(runner);
      if (options.leaseMs) {
        await runner.stop();
        runner.tune({ leaseMs: options.leaseMs });
        await runner.start();
      }
      return runner;
    },
    planFile: planFileOf,
    pushPullRequest(pr, files, message) {
      const ref = `refs/pull/${pr}/head`;
      const published = git(origin, "for-each-ref", "--format=%(objectname)", ref);
      if (published) git(work, "fetch", "-q", "origin", `+${ref}:refs/remotes/pull/${pr}`);
      git(work, "checkout", "-q", "--detach", published ? `pull/${pr}` : "origin/main");
      for (const [path, content] of Object.entries(files)) {
        mkdirSync(dirname(join(work, path)), { recursive: true });
        writeFileSync(join(work, path), content);
      }
      git(work, "add", "-A");
      execFileSync("git", ["-C", work, "commit", "-q", "-m", message], {
        env: { ...process.env, ...gitIdentity },
      });
      const head = git(work, "rev-parse", "HEAD");
      git(work, "push", "-q", "--force", "origin", `HEAD:${ref}`);
      reviews.files.set(pr, pullFiles(head));
      return head;
    },
    droverComments: (pr) =>
      h.fake
        .commentsOn(pr)
        .filter((c) => c.user.login === "drover[bot]")
        .map((c) => c.body),
    async comment(pr, body) {
      await h.deliver(
        "issue_comment",
        issueCommentCreated({ number: pr, body, commentId: nextComment++, onPullRequest: true }),
      );
    },
    convoy: (id) => readConvoy(h.app, id),
    async waitFor(check, what, timeoutMs = 60_000) {
      try {
        return await waitFor(check, what, timeoutMs);
      } catch (error) {
        const jobs = (await h.store.listJobs()).map((j) => ({ ...j, payload: j.payload.kind }));
        const logs = await Promise.all(
          runners.flatMap((r) =>
            convoyIds(r).map(async (id) => ({
              id,
              log: (await h.store.readLog(`convoy:${id}`)).map((e) => e.summary),
            })),
          ),
        );
        const outputs = runners.map((r) => `--- ${r.name}\n${r.output().slice(-4_000)}`);
        throw new Error(
          [(error as Error).message, JSON.stringify({ jobs, logs }, null, 1), ...outputs].join("\n"),
        );
      }
    },
    convoyIds,
    async close() {
      // Every step runs even when an earlier one fails, so no process outlives a failed test.
      await runEveryStep([
        ...runners.flatMap((runner) => [
          () => runner.stop("SIGKILL"),
          () => killTmux(runner.tmuxSocket),
          // A convoy of a runner that died mid-review still has its agents in its own tmux server.
          ...convoyIds(runner).map((id) => () => killTmux(`drover-convoy-${id}`)),
        ]),
        () => h.close(),
        async () => sandbox.remove(),
      ]);
    },
  };
}
