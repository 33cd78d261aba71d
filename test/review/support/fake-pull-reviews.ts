// GitHub's pull request review endpoints at the HTTP boundary (nock), which test/github's fake GitHub does not
// serve: a PR's files (with the patches real git made), its review comments and reviews, and creating and
// editing reviews. Started before the harness's fake, so these paths meet it first; every write is recorded
// for the test to check, and comments made with a review are listed afterwards, as GitHub lists them.
import nock from "nock";

export interface PullFile {
  filename: string;
  status: string;
  patch?: string;
}

export interface InlineComment {
  path: string;
  line: number;
  start_line?: number;
  side?: string;
  start_side?: string;
  body: string;
}

export interface CreatedReview {
  pr: number;
  id: number;
  commit_id: string;
  event: string;
  body: string;
  comments: InlineComment[];
}

export interface EditedReview {
  pr: number;
  id: number;
  body: string;
}

export class FakePullReviews {
  readonly files = new Map<number, PullFile[]>();
  readonly created: CreatedReview[] = [];
  readonly edited: EditedReview[] = [];
  private readonly reviewBodies = new Map<number, { pr: number; body: string }>();
  private readonly comments: (InlineComment & { id: number; pr: number; review: number })[] = [];
  private nextId = 5_000;

  constructor(
    readonly repo: string,
    readonly origin = "https://api.github.com",
  ) {}

  start(): this {
    const pull = (rest: string) => new RegExp(`^/repos/${this.repo}/pulls/(\\d+)${rest}(\\?.*)?$`);
    const pr = (uri: string, pattern: RegExp) => Number(pattern.exec(uri)?.[1]);
    // Page 1 holds everything; Drover asks for page 2 only after a full page.
    const page = <T>(uri: string, items: T[]) =>
      new URL(uri, this.origin).searchParams.get("page") === "1" ? items : [];
    const files = pull("/files");
    const comments = pull("/comments");
    const reviews = pull("/reviews");
    const review = pull("/reviews/(\\d+)");
    nock(this.origin)
      .persist()
      .get((uri) => files.test(uri))
      .reply((uri) => [200, page(uri, this.files.get(pr(uri, files)) ?? [])])
      .get((uri) => comments.test(uri))
      .reply((uri) => [
        200,
        page(
          uri,
          this.comments.filter((c) => c.pr === pr(uri, comments)).map(({ pr: _, review: __, ...c }) => c),
        ),
      ])
      .get((uri) => reviews.test(uri))
      .reply((uri) => [
        200,
        page(
          uri,
          [...this.reviewBodies]
            .filter(([, r]) => r.pr === pr(uri, reviews))
            .map(([id, r]) => ({ id, body: r.body, user: { login: "drover[bot]", type: "Bot" } })),
        ),
      ])
      .post((uri) => reviews.test(uri))
      .reply((uri, body) => {
        const request = body as Omit<CreatedReview, "pr" | "id">;
        const made: CreatedReview = {
          ...request,
          comments: request.comments ?? [],
          pr: pr(uri, reviews),
          id: this.nextId++,
        };
        this.created.push(made);
        this.reviewBodies.set(made.id, { pr: made.pr, body: made.body });
        for (const comment of made.comments)
          this.comments.push({ ...comment, id: this.nextId++, pr: made.pr, review: made.id });
        return [200, { id: made.id, body: made.body, commit_id: made.commit_id }];
      })
      .put((uri) => review.test(uri))
      .reply((uri, body) => {
        const [, number, id] = review.exec(uri)!.map(Number);
        const known = this.reviewBodies.get(id!);
        if (!known || known.pr !== number) return [404, { message: "Not Found" }];
        const text = (body as { body: string }).body;
        known.body = text;
        this.edited.push({ pr: number!, id: id!, body: text });
        return [200, { id, body: text }];
      });
    return this;
  }

  /** What GitHub would list as the PR's inline review comments now. */
  commentsOn(number: number): (InlineComment & { id: number; review: number })[] {
    return this.comments.filter((c) => c.pr === number).map(({ pr: _, ...c }) => c);
  }

  /** The review's body as GitHub has it now (edits included). */
  reviewBody(id: number): string | undefined {
    return this.reviewBodies.get(id)?.body;
  }
}
