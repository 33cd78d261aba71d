// Webhook payloads for tests: real examples from @octokit/webhooks-examples, moved to the test repo and
// installation and changed only where a test needs a particular issue, PR, SHA, label or person.
import { createRequire } from "node:module";

// Read at run time rather than imported: the file is 4 MB and its inferred type would slow the type check.
const examples = createRequire(import.meta.url)("@octokit/webhooks-examples") as {
  name: string;
  // biome-ignore lint/suspicious/noExplicitAny: example payloads are edited field by field, as JSON
  examples: Record<string, any>[];
}[];

export const testRepo = {
  owner: "acme",
  name: "web",
  fullName: "acme/web",
  htmlUrl: "https://github.com/acme/web",
  id: 4242,
};
export const installationId = 77;

// biome-ignore lint/suspicious/noExplicitAny: example payloads are edited field by field, as JSON
type Json = Record<string, any>;

export interface Person {
  login: string;
  type?: "User" | "Bot";
}

function example(name: string, action?: string, pick: (p: Json) => boolean = () => true): Json {
  const group = examples.find((e) => e.name === name);
  const found = group?.examples.find((e) => (action === undefined || e.action === action) && pick(e));
  if (!found) throw new Error(`no @octokit/webhooks-examples payload for ${name}.${action}`);
  return structuredClone(found);
}

function user(person: Person, base: Json = {}): Json {
  return {
    ...base,
    login: person.login,
    id: [...person.login].reduce((n, c) => n * 31 + c.charCodeAt(0), 7) % 1e7,
    type: person.type ?? (person.login.endsWith("[bot]") ? "Bot" : "User"),
  };
}

function repository(base: Json): Json {
  return {
    ...base,
    id: testRepo.id,
    name: testRepo.name,
    full_name: testRepo.fullName,
    html_url: testRepo.htmlUrl,
    url: `https://api.github.com/repos/${testRepo.fullName}`,
    default_branch: "main",
    owner: { ...base.owner, login: testRepo.owner, type: "Organization" },
  };
}

function delivered(payload: Json, sender: Person): Json {
  payload.repository = repository(payload.repository);
  payload.installation = { id: installationId, node_id: "MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uNzc=" };
  payload.sender = user(sender, payload.sender);
  return payload;
}

export interface IssueInput {
  number: number;
  title?: string;
  body?: string;
}

function issue(base: Json, input: IssueInput, author: Person = { login: "maria" }): Json {
  return {
    ...base,
    number: input.number,
    title: input.title ?? `Issue ${input.number}`,
    body: input.body ?? "Steps to reproduce: log in, get redirected to /404.",
    state: "open",
    html_url: `${testRepo.htmlUrl}/issues/${input.number}`,
    url: `https://api.github.com/repos/${testRepo.fullName}/issues/${input.number}`,
    user: user(author, base.user),
    assignees: [],
  };
}

export function issuesLabeled(input: IssueInput & { label: string; sender?: Person }): Json {
  const payload = example("issues", "labeled");
  payload.issue = issue(payload.issue, input);
  payload.label = { ...payload.label, name: input.label };
  return delivered(payload, input.sender ?? { login: "maria" });
}

export function issueCommentCreated(input: {
  number: number;
  body: string;
  commentId: number;
  author?: Person;
  onPullRequest?: boolean;
  viaAppId?: number;
}): Json {
  const payload = example("issue_comment", "created");
  const author = input.author ?? { login: "maria" };
  payload.issue = issue(payload.issue, { number: input.number });
  if (input.onPullRequest)
    payload.issue.pull_request = {
      url: `https://api.github.com/repos/${testRepo.fullName}/pulls/${input.number}`,
      html_url: `${testRepo.htmlUrl}/pull/${input.number}`,
    };
  else delete payload.issue.pull_request;
  payload.comment = {
    ...payload.comment,
    id: input.commentId,
    body: input.body,
    user: user(author, payload.comment.user),
    html_url: `${testRepo.htmlUrl}/issues/${input.number}#issuecomment-${input.commentId}`,
    performed_via_github_app: input.viaAppId ? { id: input.viaAppId, slug: "drover" } : null,
  };
  return delivered(payload, author);
}

export interface PullRequestInput {
  number: number;
  headRef: string;
  headSha: string;
  body?: string;
  mergeable?: boolean | null;
  merged?: boolean;
  state?: "open" | "closed";
  updatedAt?: string;
  /** The head branch lives in a fork. */
  fork?: boolean;
  label?: string;
  sender?: Person;
}

function pullRequestObject(base: Json, input: PullRequestInput): Json {
  const headRepo = input.fork
    ? { ...base.head.repo, id: 999, full_name: "mallory/web", name: "web" }
    : repository(base.head.repo);
  return {
    ...base,
    number: input.number,
    html_url: `${testRepo.htmlUrl}/pull/${input.number}`,
    url: `https://api.github.com/repos/${testRepo.fullName}/pulls/${input.number}`,
    body: input.body ?? "",
    state: input.state ?? "open",
    merged: input.merged ?? false,
    mergeable: input.mergeable === undefined ? null : input.mergeable,
    updated_at: input.updatedAt ?? base.updated_at,
    head: { ...base.head, ref: input.headRef, sha: input.headSha, repo: headRepo },
    base: { ...base.base, ref: "main", repo: repository(base.base.repo) },
  };
}

export function pullRequest(action: string, input: PullRequestInput): Json {
  const payload = example(
    "pull_request",
    action === "synchronize" || action === "edited" ? "opened" : action,
  );
  payload.action = action;
  payload.number = input.number;
  payload.pull_request = pullRequestObject(payload.pull_request, input);
  if (input.label) payload.label = { ...(payload.label ?? {}), name: input.label };
  if (action === "synchronize") {
    payload.before = "0".repeat(40);
    payload.after = input.headSha;
  }
  return delivered(payload, input.sender ?? { login: "agent-runner" });
}

export interface CheckRunInput {
  id: number;
  name: string;
  sha: string;
  status: "queued" | "in_progress" | "completed";
  conclusion?: string;
  startedAt: string;
  completedAt?: string;
  pr?: { number: number; headRef: string };
  app?: "github-actions" | "ci-bot";
}

export function checkRun(input: CheckRunInput): Json {
  const payload = example("check_run", input.status === "completed" ? "completed" : "created");
  const run = payload.check_run;
  payload.check_run = {
    ...run,
    id: input.id,
    name: input.name,
    head_sha: input.sha,
    status: input.status,
    conclusion: input.conclusion ?? null,
    started_at: input.startedAt,
    completed_at: input.completedAt ?? null,
    details_url: `${testRepo.htmlUrl}/actions/runs/1/job/${input.id}`,
    html_url: `${testRepo.htmlUrl}/runs/${input.id}`,
    app: { ...run.app, slug: input.app ?? "github-actions" },
    check_suite: { ...run.check_suite, head_sha: input.sha, head_branch: input.pr?.headRef ?? null },
    pull_requests: input.pr
      ? [
          {
            url: `https://api.github.com/repos/${testRepo.fullName}/pulls/${input.pr.number}`,
            id: input.pr.number * 1000,
            number: input.pr.number,
            head: {
              ref: input.pr.headRef,
              sha: input.sha,
              repo: { id: testRepo.id, url: "", name: testRepo.name },
            },
            base: {
              ref: "main",
              sha: "f".repeat(40),
              repo: { id: testRepo.id, url: "", name: testRepo.name },
            },
          },
        ]
      : [],
  };
  return delivered(payload, { login: "github-actions[bot]", type: "Bot" });
}

export function checkSuiteCompleted(input: { sha: string; pr: { number: number; headRef: string } }): Json {
  const payload = example("check_suite", "completed", (p) => p.check_suite.pull_requests.length > 0);
  payload.check_suite = {
    ...payload.check_suite,
    head_sha: input.sha,
    head_branch: input.pr.headRef,
    pull_requests: [
      {
        ...payload.check_suite.pull_requests[0],
        number: input.pr.number,
        head: {
          ref: input.pr.headRef,
          sha: input.sha,
          repo: { id: testRepo.id, url: "", name: testRepo.name },
        },
        base: { ref: "main", sha: "f".repeat(40), repo: { id: testRepo.id, url: "", name: testRepo.name } },
      },
    ],
  };
  return delivered(payload, { login: "github-actions[bot]", type: "Bot" });
}

export function commitStatus(input: {
  sha: string;
  context: string;
  state: "pending" | "success" | "failure" | "error";
  branch: string;
  description?: string;
  updatedAt: string;
}): Json {
  const payload = example("status");
  Object.assign(payload, {
    sha: input.sha,
    context: input.context,
    state: input.state,
    description: input.description ?? null,
    target_url: `https://ci.example.test/builds/${input.context}`,
    updated_at: input.updatedAt,
    branches: [{ name: input.branch, commit: { sha: input.sha, url: "" }, protected: false }],
  });
  return delivered(payload, { login: "ci-bot[bot]", type: "Bot" });
}

export function review(input: {
  action: "submitted" | "dismissed";
  id: number;
  state: "approved" | "changes_requested" | "commented" | "dismissed";
  reviewer: Person;
  commitId: string;
  submittedAt: string;
  body?: string;
  pr: PullRequestInput;
}): Json {
  const payload = example("pull_request_review", "submitted");
  payload.action = input.action;
  payload.review = {
    ...payload.review,
    id: input.id,
    state: input.state,
    user: user(input.reviewer, payload.review.user),
    commit_id: input.commitId,
    submitted_at: input.submittedAt,
    body: input.body ?? null,
  };
  payload.pull_request = pullRequestObject(payload.pull_request, input.pr);
  return delivered(payload, input.reviewer);
}

export function reviewCommentCreated(input: {
  id: number;
  author: Person;
  body: string;
  path: string;
  line: number;
  pr: PullRequestInput;
}): Json {
  const payload = example("pull_request_review_comment", "created");
  payload.comment = {
    ...payload.comment,
    id: input.id,
    user: user(input.author, payload.comment.user),
    body: input.body,
    path: input.path,
    line: input.line,
    html_url: `${testRepo.htmlUrl}/pull/${input.pr.number}#discussion_r${input.id}`,
  };
  payload.pull_request = pullRequestObject(payload.pull_request, input.pr);
  return delivered(payload, input.author);
}

export function push(input: { ref: string; modified?: string[]; sender?: Person }): Json {
  const payload = example("push", undefined, (p) => p.commits.length > 0);
  payload.ref = input.ref;
  payload.commits = payload.commits.map((c: Json) => ({
    ...c,
    added: [],
    removed: [],
    modified: input.modified ?? [],
  }));
  payload.head_commit = payload.commits.at(-1) ?? null;
  return delivered(payload, input.sender ?? { login: "maria" });
}

export function ping(): Json {
  return example("ping");
}
