// Posts a convoy's result on a pull request as ONE review: inline comments on changed lines, everything else in
// the summary body. On a re-review the earlier summary is edited in place and findings already posted (resolved
// or not) are not posted again; only new findings on changed lines come as a small follow-up review.
// Used by the Action now and by the app for `/drover review` later; it needs only an Octokit-style `request`.
import { z } from "zod";
import type { ConvoyResult } from "./convoy-state.js";
import { type CommentableLines, type CommentPlace, commentableLines, placeComment } from "./diff-lines.js";
import type { Finding } from "./finding.js";
import { followUpBody, inlineCommentBody, type ReviewContext, summaryBody } from "./review-body.js";
import { alreadyPosted, postedFinding, summaryMarker } from "./review-markers.js";

/** The part of an Octokit this needs (Octokit from @octokit/rest and Probot's context.octokit both fit). */
export interface GitHubRequester {
  request(route: string, parameters?: Record<string, unknown>): Promise<{ data: unknown }>;
}

export interface PostReviewOptions {
  owner: string;
  repo: string;
  pullNumber: number;
  /** The commit reviewed; inline comments are anchored to it. */
  headSha: string;
  /** The pull request's files, when the caller listed them already (saves the calls). */
  files?: readonly PullRequestFile[];
  result: ConvoyResult;
  context: ReviewContext;
  /** Log what would be posted, post nothing. */
  dryRun?: boolean;
  log?: (message: string) => void;
}

export interface PostedReview {
  /** created: a new review with the summary; updated: the earlier summary edited (plus a follow-up if new
   * inline findings); dry-run: nothing posted. */
  action: "created" | "updated" | "dry-run";
  summaryReviewId?: number;
  followUpReviewId?: number;
  inline: number;
  outside: number;
  repeated: number;
}

const fileSchema = z.looseObject({ filename: z.string(), status: z.string(), patch: z.string().optional() });
export type PullRequestFile = z.output<typeof fileSchema>;
const reviewSchema = z.looseObject({ id: z.number(), body: z.string().nullable().optional() });
const commentSchema = z.looseObject({ id: z.number(), body: z.string(), path: z.string() });
const createdSchema = z.looseObject({ id: z.number() });

interface InlineComment extends CommentPlace {
  path: string;
  side: "RIGHT";
  start_side?: "RIGHT";
  body: string;
}

export async function postConvoyReview(
  github: GitHubRequester,
  options: PostReviewOptions,
): Promise<PostedReview> {
  const { owner, repo, pullNumber, result, context } = options;
  const log = options.log ?? (() => undefined);
  const pull = { owner, repo, pull_number: pullNumber };

  const files = options.files ?? (await listPullRequestFiles(github, owner, repo, pullNumber));
  const diff = new Map<string, CommentableLines>(
    files.filter((f) => f.status !== "removed").map((f) => [f.filename, commentableLines(f.patch)]),
  );
  const comments = await listAll(
    github,
    "GET /repos/{owner}/{repo}/pulls/{pull_number}/comments",
    pull,
    commentSchema,
  );
  const posted = comments.flatMap((c) => postedFinding(c) ?? []);
  const reviews = await listAll(
    github,
    "GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews",
    pull,
    reviewSchema,
  );
  const previous = reviews.findLast((r) => r.body?.includes(summaryMarker));

  const inline: { finding: Finding; comment: InlineComment }[] = [];
  const outside: Finding[] = [];
  let repeated = 0;
  for (const finding of result.findings) {
    const place = finding.line ? placeComment(diff.get(finding.file) ?? new Map(), finding.line) : undefined;
    if (!place) {
      outside.push(finding);
      continue;
    }
    if (alreadyPosted(finding, posted)) {
      repeated += 1;
      continue;
    }
    const comment: InlineComment = {
      path: finding.file,
      ...place,
      side: "RIGHT",
      ...(place.start_line ? { start_side: "RIGHT" as const } : {}),
      body: inlineCommentBody(finding, context),
    };
    inline.push({ finding, comment });
  }
  const placed = { inline: inline.map((i) => i.finding), outside, repeated };
  const summary = summaryBody(result, context, placed);
  const counts = { inline: inline.length, outside: outside.length, repeated };

  if (options.dryRun) {
    log(
      `would ${previous ? `edit review ${previous.id}` : "post a review"} on ${owner}/${repo}#${pullNumber}`,
    );
    for (const { comment } of inline) log(`would comment on ${comment.path}:${comment.line}`);
    return { action: "dry-run", ...counts };
  }

  if (previous) {
    await github.request("PUT /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}", {
      ...pull,
      review_id: previous.id,
      body: summary,
    });
    log(`edited the summary in review ${previous.id}`);
    if (inline.length === 0) return { action: "updated", summaryReviewId: previous.id, ...counts };
    const findings = inline.map((i) => i.finding);
    const followUp = await createReview(github, options, followUpBody(findings, context), inline, log, () =>
      followUpBody(findings, context, { listed: true }),
    );
    return { action: "updated", summaryReviewId: previous.id, followUpReviewId: followUp.id, ...counts };
  }
  const created = await createReview(github, options, summary, inline, log, () =>
    summaryBody(result, context, {
      inline: [],
      outside: [...inline.map((i) => i.finding), ...outside],
      repeated,
    }),
  );
  return { action: "created", summaryReviewId: created.id, ...counts };
}

async function createReview(
  github: GitHubRequester,
  options: PostReviewOptions,
  body: string,
  inline: readonly { comment: InlineComment }[],
  log: (message: string) => void,
  bodyWithoutComments?: () => string,
): Promise<{ id: number }> {
  const route = "POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews";
  const base = {
    owner: options.owner,
    repo: options.repo,
    pull_number: options.pullNumber,
    commit_id: options.headSha,
    event: "COMMENT",
  };
  try {
    const { data } = await github.request(route, { ...base, body, comments: inline.map((i) => i.comment) });
    log(`posted review with ${inline.length} inline comment(s)`);
    return createdSchema.parse(data);
  } catch (error) {
    // 422: a line is no longer in the diff (a push landed while the convoy ran). Keep every finding, in the body.
    if ((error as { status?: number }).status !== 422 || inline.length === 0 || !bodyWithoutComments)
      throw error;
    log("GitHub refused the inline comments (422); posting every finding in the review body instead");
    const { data } = await github.request(route, { ...base, body: bodyWithoutComments(), comments: [] });
    return createdSchema.parse(data);
  }
}

export function listPullRequestFiles(
  github: GitHubRequester,
  owner: string,
  repo: string,
  pullNumber: number,
): Promise<PullRequestFile[]> {
  return listAll(
    github,
    "GET /repos/{owner}/{repo}/pulls/{pull_number}/files",
    { owner, repo, pull_number: pullNumber },
    fileSchema,
  );
}

// Pages of 100 until a short page: enough for any pull request a review can handle, and easy to fake with nock.
async function listAll<S extends z.ZodType>(
  github: GitHubRequester,
  route: string,
  parameters: Record<string, unknown>,
  schema: S,
): Promise<z.output<S>[]> {
  const items: z.output<S>[] = [];
  for (let page = 1; ; page++) {
    const { data } = await github.request(route, { ...parameters, per_page: 100, page });
    const parsed = z.array(schema).safeParse(data);
    if (!parsed.success)
      throw new Error(`GitHub answered ${route} with an unexpected shape: ${parsed.error.message}`);
    items.push(...parsed.data);
    if (parsed.data.length < 100) return items;
  }
}
