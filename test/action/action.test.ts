// The Action end to end, as a GitHub runner runs it: the bundled action/dist/index.js on a real pull_request
// payload, stand-in `claude` agents on PATH, GitHub's API nock'd. It must post exactly one review with the
// right inline comments and body, write the job summary and outputs, fail at fail_on, refuse forks, and on a
// re-review edit its summary instead of posting another.
import { afterEach, describe, expect, it } from "vitest";
import { findingFingerprint } from "../../src/convoy/finding-fingerprint.js";
import { createSandbox, finding, type Sandbox } from "../convoy/fixtures.js";
import { pullRequestPayload, runAction } from "./run-action.js";

const headSha = pullRequestPayload().pull_request.head.sha;

const prFiles = [
  {
    filename: "src/app.ts",
    status: "added",
    patch:
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the sample is TypeScript holding a template literal
      '@@ -0,0 +1,5 @@\n+import { query } from "./db.js";\n+\n+export function find(id: string) {\n+  return query(`SELECT * FROM users WHERE id = ${id}`);\n+}',
  },
  {
    filename: "src/db.ts",
    status: "modified",
    patch:
      "@@ -1,3 +1,3 @@\n export function query(sql: string) {\n-  return sql.trim();\n+  return sql;\n }",
  },
  { filename: "README.md", status: "modified", patch: "@@ -1 +1 @@\n-# old\n+# sample" },
  { filename: "src/gone.ts", status: "removed" },
];

const plan = {
  correctness: {
    findings: [
      finding("high", "src/app.ts", 4, "SQL built by string concatenation"),
      finding("low", "src/db.ts", 2, "query returns its input unchanged"),
    ],
  },
  security: {
    findings: [
      finding("critical", "src/app.ts", "3-4", "SQL injection by string concatenation", {
        suggestion: "Use a parameterised query.",
      }),
    ],
  },
  performance: {
    findings: [
      finding("medium", "src/util/list.ts", 2, "Quadratic uniq over large lists"),
      finding("low", "src/app.ts", undefined, "Module has no tests"),
    ],
  },
  synthesis: { synthesis: true, summary: "Block the merge: the new lookup is open to SQL injection." },
};

const inputs = { anthropic_api_key: "sk-ant-test-key", github_token: "ghs_testtoken", fail_on: "high" };

function withoutMaskCommands(output: string): string {
  return output
    .split("\n")
    .filter((line) => !line.startsWith("::add-mask::"))
    .join("\n");
}

let sandbox: Sandbox;
afterEach(() => sandbox?.remove());

describe("the convoy review Action", () => {
  it("posts exactly one review: inline comments on changed lines, the rest in the body", async () => {
    sandbox = createSandbox();
    sandbox.setPlan(plan);
    const run = await runAction(sandbox, {
      inputs: { ...inputs, models: "security=opus-test" },
      scenario: { files: prFiles },
    });

    // fail_on: high and a critical finding: the step fails, saying why.
    expect(run.code, run.stdout + run.stderr).toBe(1);
    expect(run.stdout).toContain("::error::1 finding(s) at high or worse (fail_on: high)");
    expect(run.requests.filter((r) => r.unmatched)).toEqual([]);
    expect(run.requests.find((r) => r.path.includes("/files"))).toMatchObject({
      authorization: "token ghs_testtoken",
    });

    const posts = run.requests.filter((r) => r.method === "POST");
    expect(posts).toHaveLength(1);
    expect(run.requests.filter((r) => r.method === "PUT")).toEqual([]);
    const review = posts[0]!.body as {
      commit_id: string;
      event: string;
      body: string;
      comments: Record<string, unknown>[];
    };
    expect(review.commit_id).toBe(headSha);
    expect(review.event).toBe("COMMENT");
    // The two reviewers' SQL findings are one comment spanning lines 3-4; db.ts line 2 is in the diff too.
    expect(review.comments.map(({ body: _, ...place }) => place)).toEqual([
      { path: "src/app.ts", start_line: 3, line: 4, side: "RIGHT", start_side: "RIGHT" },
      { path: "src/db.ts", line: 2, side: "RIGHT" },
    ]);
    const sql = review.comments[0]!.body as string;
    expect(sql).toContain("**[critical] SQL injection by string concatenation** · correctness, security");
    expect(sql).toContain("**Suggestion:** Use a parameterised query.");
    expect(sql).toContain(
      `<!-- drover:finding fp=${findingFingerprint({ file: "src/app.ts", title: "SQL injection by string concatenation" })} -->`,
    );

    // The body: marker, counts, the synthesis's summary, priorities, and the findings outside the diff.
    expect(review.body).toContain("<!-- drover:convoy-summary -->");
    expect(review.body).toContain("## Drover review: 1 critical, 1 medium, 2 low");
    expect(review.body).toContain("Block the merge: the new lookup is open to SQL injection.");
    expect(review.body).toContain("### Top priorities");
    expect(review.body).toContain("### Findings outside the diff (2)");
    expect(review.body).toContain(
      "**[medium] Quadratic uniq over large lists** — `src/util/list.ts:2` · performance",
    );
    expect(review.body).toContain("**[low] Module has no tests** — `src/app.ts` · performance");
    expect(review.body).not.toContain("query returns its input unchanged");
    expect(review.body).toContain("2 finding(s) are inline comments on the changed lines.");
    expect(review.body).toContain(
      "[full report](https://github.com/Codertocat/Hello-World/actions/runs/4242)",
    );

    // The report is the job summary; the outputs carry the counts.
    expect(run.summary).toContain("# Convoy report: code-review");
    expect(run.summary).toContain("| Files reviewed | 3 |");
    expect(run.outputs).toMatchObject({
      blocker: "0",
      critical: "1",
      high: "0",
      medium: "1",
      low: "2",
      total: "4",
    });
    expect(run.outputs.status).toBe("completed");
    expect(run.outputs.report_path).toMatch(/report\.md$/);
    expect(run.outputs.review_id).toBe("9001");

    // The agents: headless Claude with the role's model and read-only tools, the PR's files (not the removed
    // one), and no credential but the model's.
    expect(sandbox.args("security")).toEqual(
      expect.arrayContaining(["-p", "--output-format", "stream-json", "--verbose", "--model", "opus-test"]),
    );
    expect(sandbox.args("correctness")).toEqual(expect.arrayContaining(["--tools", "Read,Grep,Glob"]));
    expect(sandbox.prompt("correctness")).toContain("- src/app.ts\n- src/db.ts\n- README.md");
    expect(sandbox.prompt("correctness")).not.toContain("src/gone.ts");
    expect(sandbox.prompt("correctness")).toContain("https://github.com/Codertocat/Hello-World/pull/2");
    for (const role of ["correctness", "security", "performance", "synthesis"]) {
      expect(sandbox.secretsSeen(role), role).toEqual(["ANTHROPIC_API_KEY"]);
    }
    // Masked (the runner hides it from the log) and never printed otherwise.
    expect(run.stdout).toContain("::add-mask::sk-ant-test-key");
    expect(withoutMaskCommands(run.stdout + run.stderr)).not.toContain("sk-ant-test-key");
  });

  it("on a re-review edits its summary and posts only findings not posted before", async () => {
    sandbox = createSandbox();
    sandbox.setPlan(plan);
    const sqlFingerprint = findingFingerprint({
      file: "src/app.ts",
      title: "SQL injection by string concatenation",
    });
    const run = await runAction(sandbox, {
      inputs: { ...inputs, fail_on: "never", files: "src/**/*.ts" },
      scenario: {
        files: prFiles,
        reviews: [
          { id: 70, body: "LGTM", user: { login: "octocat" } },
          {
            id: 77,
            body: "<!-- drover:convoy-summary -->\n## Drover review: 1 critical",
            user: { login: "github-actions[bot]" },
          },
        ],
        // Posted by the first run and resolved since: it must not come back.
        comments: [
          {
            id: 5,
            path: "src/app.ts",
            line: 4,
            body: `**[critical] SQL injection by string concatenation** · correctness, security\n\n…\n<!-- drover:finding fp=${sqlFingerprint} -->`,
          },
        ],
      },
    });

    expect(run.code, run.stdout + run.stderr).toBe(0);
    const puts = run.requests.filter((r) => r.method === "PUT");
    expect(puts.map((r) => r.path)).toEqual(["/repos/Codertocat/Hello-World/pulls/2/reviews/77"]);
    const summary = (puts[0]!.body as { body: string }).body;
    expect(summary).toContain("<!-- drover:convoy-summary -->");
    expect(summary).toContain("1 finding(s) raised in an earlier Drover review are not repeated.");

    const posts = run.requests.filter((r) => r.method === "POST");
    expect(posts).toHaveLength(1);
    const followUp = posts[0]!.body as { body: string; comments: { path: string; line: number }[] };
    expect(followUp.body).toContain("<!-- drover:convoy-follow-up -->");
    expect(followUp.comments.map((c) => `${c.path}:${c.line}`)).toEqual(["src/db.ts:2"]);
    expect(run.outputs.review_id).toBe("77");
    // files: src/**/*.ts leaves README.md out.
    expect(sandbox.prompt("correctness")).toContain("- src/app.ts\n- src/db.ts");
    expect(sandbox.prompt("correctness")).not.toContain("README.md");
  });

  it("keeps every finding when GitHub refuses the inline comments", async () => {
    sandbox = createSandbox();
    sandbox.setPlan(plan);
    const run = await runAction(sandbox, {
      inputs: { ...inputs, fail_on: "never" },
      scenario: { files: prFiles, refuseFirstReview: true },
    });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const posts = run.requests
      .filter((r) => r.method === "POST")
      .map((r) => r.body as { body: string; comments: unknown[] });
    expect(posts).toHaveLength(2);
    expect(posts[1]!.comments).toEqual([]);
    expect(posts[1]!.body).toContain("### Findings outside the diff (4)");
    expect(posts[1]!.body).toContain("SQL injection by string concatenation");
  });

  it("refuses a pull request from a fork unless allow_forks", async () => {
    sandbox = createSandbox();
    sandbox.setPlan(plan);
    const fork = pullRequestPayload();
    fork.pull_request.head.repo.full_name = "forker/Hello-World";

    const refused = await runAction(sandbox, { inputs, scenario: { files: prFiles }, payload: fork });
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain(
      "::error::Not reviewing https://github.com/Codertocat/Hello-World/pull/2",
    );
    expect(refused.stdout).toContain("forker/Hello-World");
    expect(refused.requests).toEqual([]);
    expect(sandbox.events()).toEqual([]);

    const allowed = await runAction(sandbox, {
      inputs: { ...inputs, allow_forks: "true", post_review: "false", fail_on: "never" },
      scenario: { files: prFiles },
      payload: fork,
    });
    expect(allowed.code, allowed.stdout + allowed.stderr).toBe(0);
    expect(allowed.requests.map((r) => r.method)).toEqual(["GET"]);
    expect(allowed.summary).toContain("# Convoy report: code-review");
  });

  it("fails with the input's name when an input is wrong", async () => {
    sandbox = createSandbox();
    const run = await runAction(sandbox, {
      inputs: { github_token: "ghs_x", fail_on: "severe", timeout: "soon" },
      scenario: { files: prFiles },
    });
    expect(run.code).toBe(1);
    // @actions/core encodes newlines in ::error:: as %0A.
    const error = run.stdout.replaceAll("%0A", "\n");
    expect(error).toContain("::error::The action's inputs is invalid:\n");
    expect(error).toContain("\nanthropic_api_key: set anthropic_api_key or claude_code_oauth_token");
    expect(error).toContain(
      '\nfail_on: Invalid option: expected one of "blocker"|"critical"|"high"|"medium"|"low"|"never"',
    );
    expect(error).toContain('\ntimeout: expected a duration such as "10m", got "soon"');
    expect(run.requests).toEqual([]);
  });
});
