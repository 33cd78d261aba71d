// Preloaded (`node --import tsx --import fake-github.ts action/dist/index.js`) so the bundled Action runs exactly
// as a GitHub runner starts it while its GitHub API calls meet nock: a scenario file says what the pull request
// holds, and every request is appended to a log file for the test to read.
import { appendFileSync, readFileSync } from "node:fs";
import nock from "nock";
import { z } from "zod";

const scenarioSchema = z.object({
  api: z.string(),
  owner: z.string(),
  repo: z.string(),
  number: z.number(),
  files: z.array(z.record(z.string(), z.unknown())),
  comments: z.array(z.record(z.string(), z.unknown())).default([]),
  reviews: z.array(z.record(z.string(), z.unknown())).default([]),
  /** Answer the first review creation with 422 (a line no longer in the diff). */
  refuseFirstReview: z.boolean().default(false),
});

const scenario = scenarioSchema.parse(JSON.parse(readFileSync(process.env.FAKE_GITHUB_SCENARIO!, "utf8")));
const logFile = process.env.FAKE_GITHUB_LOG!;
const log = (entry: Record<string, unknown>) => appendFileSync(logFile, `${JSON.stringify(entry)}\n`);

nock.disableNetConnect();
const pull = `/repos/${scenario.owner}/${scenario.repo}/pulls/${scenario.number}`;
// Page 1 holds everything; a later page would be empty (none is asked for while a page is short).
const page = (items: unknown[], uri: string) =>
  new URL(uri, scenario.api).searchParams.get("page") === "1" ? items : [];
let reviewsCreated = 0;

nock(scenario.api)
  .persist()
  .get(`${pull}/files`)
  .query(true)
  .reply(function (uri) {
    log({ method: "GET", path: uri, authorization: this.req.headers.authorization });
    return [200, page(scenario.files, uri)];
  })
  .get(`${pull}/comments`)
  .query(true)
  .reply((uri) => {
    log({ method: "GET", path: uri });
    return [200, page(scenario.comments, uri)];
  })
  .get(`${pull}/reviews`)
  .query(true)
  .reply((uri) => {
    log({ method: "GET", path: uri });
    return [200, page(scenario.reviews, uri)];
  })
  .post(`${pull}/reviews`)
  .reply((uri, body) => {
    reviewsCreated += 1;
    log({ method: "POST", path: uri, body });
    if (scenario.refuseFirstReview && reviewsCreated === 1) {
      return [422, { message: "Unprocessable Entity", errors: ["Line could not be resolved"] }];
    }
    return [200, { id: 9000 + reviewsCreated, body: (body as { body?: string }).body }];
  })
  .put(new RegExp(`^${pull}/reviews/\\d+$`))
  .reply((uri, body) => {
    log({ method: "PUT", path: uri, body });
    return [200, { id: Number(uri.split("/").at(-1)), body: (body as { body?: string }).body }];
  });

// Anything else the Action asks GitHub is a test failure, recorded rather than lost in the Action's output.
nock.emitter.on("no match", (req: { method?: string; path?: string; href?: string }) => {
  log({ method: req.method, path: req.path ?? req.href, unmatched: true });
});
