// A fake GitHub REST API at the HTTP boundary (nock), for the real Probot and Octokit to talk to: the endpoints
// Drover calls, backed by state a test sets up and inspects. Anything else answers 501 naming the call, so a
// test fails on what Drover was not expected to do.
import nock from "nock";

export interface ApiCall {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
}

export interface FakeComment {
  id: number;
  issue: number;
  body: string;
  user: { login: string; type: string };
  performed_via_github_app: { id: number } | null;
}

export interface FakeCheckRun {
  id: number;
  name: string;
  status: "queued" | "in_progress" | "completed";
  conclusion: string | null;
  app: { slug: string };
  output?: { title?: string; summary?: string; text?: string; annotations_count?: number };
  details_url?: string;
}

export interface FakeStatus {
  context: string;
  state: "pending" | "success" | "failure" | "error";
  description?: string;
  target_url?: string;
}

export interface FakeReviewComment {
  id: number;
  user: { login: string; type: string };
  body: string;
  path: string;
  line: number | null;
  original_line?: number;
}

export interface FakePull {
  state: "open" | "closed";
  mergeable: boolean | null;
  headSha: string;
}

/** The fields of the JSON bodies Drover sends that the fake looks at. */
interface RequestBody {
  body?: string;
  content?: string;
  labels?: string[];
  merge_method?: string;
  sha?: string;
}

interface PlannedFailure {
  method: string;
  path: RegExp;
  status: number;
  message: string;
  times: number;
}

const logsOrigin = "https://pipelines.actions.example.test";

export class FakeGitHub {
  readonly calls: ApiCall[] = [];
  readonly comments: FakeComment[] = [];
  readonly reactions: { commentId: number; content: string }[] = [];
  readonly labels = new Map<number, string[]>();
  readonly permissions = new Map<string, string>();
  readonly pulls = new Map<number, FakePull>();
  readonly checkRuns = new Map<string, FakeCheckRun[]>();
  readonly statuses = new Map<string, FakeStatus[]>();
  readonly annotations = new Map<number, object[]>();
  readonly jobLogs = new Map<number, string>();
  readonly reviewComments = new Map<number, FakeReviewComment[]>();
  readonly merges: { number: number; merge_method: string; sha: string }[] = [];
  repoSettings = {
    default_branch: "main",
    allow_merge_commit: false,
    allow_squash_merge: true,
    allow_rebase_merge: true,
  };
  /** The text of .github/drover.yml on the default branch; undefined: the repo has none. */
  configText: string | undefined;
  private failures: PlannedFailure[] = [];
  private nextId = 90_000;
  private readonly origin: string;
  private readonly prefix: string;

  constructor(readonly options: { appId: number; installationId: number; repo: string; apiUrl?: string }) {
    const url = new URL(options.apiUrl ?? "https://api.github.com");
    this.origin = url.origin;
    this.prefix = url.pathname.replace(/\/$/, "");
  }

  start(): this {
    const scope = nock(this.origin).persist();
    for (const method of ["get", "post", "patch", "put", "delete"] as const) {
      scope[method]((uri: string) => uri.startsWith(`${this.prefix}/`))
        .query(true)
        .reply((uri, body) => this.handle(method.toUpperCase(), uri, body));
    }
    nock(logsOrigin)
      .persist()
      .get(/\/logs\/\d+/)
      .reply((uri) => {
        const id = Number(/\/logs\/(\d+)/.exec(uri)?.[1]);
        const log = this.jobLogs.get(id);
        return log === undefined ? [404, "Not Found"] : [200, log, { "content-type": "text/plain" }];
      });
    return this;
  }

  /** The next `times` calls matching make GitHub answer `status`. */
  fail(method: string, path: RegExp, status: number, message = "Server Error", times = 1): void {
    this.failures.push({ method, path, status, message, times });
  }

  commentsOn(issue: number): FakeComment[] {
    return this.comments.filter((c) => c.issue === issue);
  }

  callsTo(method: string, path: RegExp): ApiCall[] {
    return this.calls.filter((c) => c.method === method && path.test(c.path));
  }

  /** A comment someone else wrote (a person, another bot). */
  addComment(issue: number, body: string, user = { login: "maria", type: "User" }): FakeComment {
    const comment = { id: this.nextId++, issue, body, user, performed_via_github_app: null };
    this.comments.push(comment);
    return comment;
  }

  private handle(method: string, uri: string, body: unknown): nock.ReplyFnResult {
    const url = new URL(uri, this.origin);
    const path = decodeURIComponent(url.pathname.slice(this.prefix.length));
    this.calls.push({ method, path, query: url.searchParams, body });
    const failure = this.failures.find((f) => f.method === method && f.path.test(path) && f.times > 0);
    if (failure) {
      failure.times -= 1;
      return [failure.status, { message: failure.message }];
    }
    for (const [routeMethod, pattern, answer] of this.routes()) {
      if (routeMethod !== method) continue;
      const match = new RegExp(`^${pattern.replace("{repo}", `/repos/${this.options.repo}`)}$`).exec(path);
      if (match) return answer(match.slice(1), (body ?? {}) as RequestBody);
    }
    return [501, { message: `the fake GitHub does not know ${method} ${path}` }];
  }

  private routes(): [string, string, (params: string[], body: RequestBody) => nock.ReplyFnResult][] {
    const notFound: nock.ReplyFnResult = [404, { message: "Not Found" }];
    return [
      [
        "POST",
        "/app/installations/(\\d+)/access_tokens",
        ([id]) =>
          Number(id) !== this.options.installationId
            ? notFound
            : [
                201,
                {
                  token: `ghs_fake${this.options.installationId}`,
                  expires_at: new Date(Date.now() + 3_600_000).toISOString(),
                  permissions: { issues: "write", pull_requests: "write" },
                  repository_selection: "all",
                },
              ],
      ],
      [
        "GET",
        "/repos/([^/]+/[^/]+)/installation",
        ([repo]) => (repo === this.options.repo ? [200, { id: this.options.installationId }] : notFound),
      ],
      ["GET", "{repo}", () => [200, { full_name: this.options.repo, ...this.repoSettings }]],
      [
        "GET",
        "{repo}/contents/(.+)",
        ([file]) =>
          file !== ".github/drover.yml" || this.configText === undefined
            ? notFound
            : [
                200,
                {
                  type: "file",
                  path: file,
                  encoding: "base64",
                  content: Buffer.from(this.configText).toString("base64"),
                },
              ],
      ],
      [
        "GET",
        "{repo}/collaborators/([^/]+)/permission",
        ([login]) => {
          const role = this.permissions.get(login!);
          if (!role) return notFound;
          const permission = role === "maintain" ? "write" : role === "triage" ? "read" : role;
          return [200, { permission, role_name: role, user: { login } }];
        },
      ],
      [
        "GET",
        "{repo}/issues/(\\d+)/comments",
        ([issue]) => [200, this.commentsOn(Number(issue)).map((c) => this.commentJson(c))],
      ],
      [
        "POST",
        "{repo}/issues/(\\d+)/comments",
        ([issue], request) => {
          const comment: FakeComment = {
            id: this.nextId++,
            issue: Number(issue),
            body: request.body ?? "",
            user: { login: "drover[bot]", type: "Bot" },
            performed_via_github_app: { id: this.options.appId },
          };
          this.comments.push(comment);
          return [201, this.commentJson(comment)];
        },
      ],
      [
        "PATCH",
        "{repo}/issues/comments/(\\d+)",
        ([id], request) => {
          const comment = this.comments.find((c) => c.id === Number(id));
          if (!comment) return notFound;
          comment.body = request.body ?? "";
          return [200, this.commentJson(comment)];
        },
      ],
      [
        "POST",
        "{repo}/issues/comments/(\\d+)/reactions",
        ([id], request) => {
          this.reactions.push({ commentId: Number(id), content: request.content ?? "" });
          return [201, { id: this.nextId++, content: request.content }];
        },
      ],
      [
        "GET",
        "{repo}/issues/(\\d+)/labels",
        ([issue]) => [200, (this.labels.get(Number(issue)) ?? []).map((name) => ({ name }))],
      ],
      [
        "POST",
        "{repo}/issues/(\\d+)/labels",
        ([issue], request) => {
          const labels = this.labels.get(Number(issue)) ?? [];
          for (const name of request.labels ?? []) if (!labels.includes(name)) labels.push(name);
          this.labels.set(Number(issue), labels);
          return [200, labels.map((name) => ({ name }))];
        },
      ],
      [
        "DELETE",
        "{repo}/issues/(\\d+)/labels/(.+)",
        ([issue, name]) => {
          const labels = this.labels.get(Number(issue)) ?? [];
          if (!labels.includes(name!)) return [404, { message: "Label does not exist" }];
          this.labels.set(
            Number(issue),
            labels.filter((l) => l !== name),
          );
          return [200, []];
        },
      ],
      [
        "GET",
        "{repo}/pulls/(\\d+)",
        ([number]) => {
          const pull = this.pulls.get(Number(number));
          if (!pull) return notFound;
          const { headSha, ...rest } = pull;
          return [200, { number: Number(number), ...rest, head: { sha: headSha } }];
        },
      ],
      [
        "PUT",
        "{repo}/pulls/(\\d+)/merge",
        ([number], request) => {
          this.merges.push({
            number: Number(number),
            merge_method: request.merge_method ?? "",
            sha: request.sha ?? "",
          });
          return [200, { merged: true, message: "Pull Request successfully merged", sha: "m".repeat(40) }];
        },
      ],
      [
        "GET",
        "{repo}/pulls/(\\d+)/reviews/(\\d+)/comments",
        ([, review]) => [200, this.reviewComments.get(Number(review)) ?? []],
      ],
      [
        "GET",
        "{repo}/commits/([^/]+)/check-runs",
        ([ref]) => {
          const runs = this.checkRuns.get(ref!) ?? [];
          return [
            200,
            {
              total_count: runs.length,
              check_runs: runs.map((r) => ({
                ...r,
                head_sha: ref,
                started_at: "2026-11-22T09:00:00Z",
                completed_at: r.status === "completed" ? "2026-11-22T09:05:00Z" : null,
                html_url: `https://github.com/${this.options.repo}/runs/${r.id}`,
                output: { title: null, summary: null, text: null, annotations_count: 0, ...r.output },
              })),
            },
          ];
        },
      ],
      [
        "GET",
        "{repo}/check-runs/(\\d+)/annotations",
        ([id]) => [200, this.annotations.get(Number(id)) ?? []],
      ],
      [
        "GET",
        "{repo}/actions/jobs/(\\d+)/logs",
        ([id]) =>
          this.jobLogs.has(Number(id)) ? [302, "", { location: `${logsOrigin}/logs/${id}` }] : notFound,
      ],
      ["GET", "{repo}/commits/([^/]+)/statuses", ([ref]) => [200, this.statuses.get(ref!) ?? []]],
      [
        "GET",
        "{repo}/commits/([^/]+)/status",
        ([ref]) => {
          const statuses = this.statuses.get(ref!) ?? [];
          return [200, { state: statuses[0]?.state ?? "pending", statuses }];
        },
      ],
    ];
  }

  private commentJson(c: FakeComment) {
    return {
      id: c.id,
      body: c.body,
      user: c.user,
      performed_via_github_app: c.performed_via_github_app,
      html_url: `https://github.com/${this.options.repo}/issues/${c.issue}#issuecomment-${c.id}`,
    };
  }
}
