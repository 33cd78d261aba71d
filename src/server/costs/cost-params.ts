// What the cost API accepts in its path and query, checked with zod; a 400 names the part that is wrong and
// what it should look like.
import type { IncomingMessage } from "node:http";
import { z } from "zod";
import { formatIssues } from "../../config/format-issues.js";
import { HttpError } from "../http.js";

const owner = z
  .string()
  .regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/, "expected a GitHub user or organisation name");
const repoName = z
  .string()
  .regex(/^[A-Za-z0-9._-]{1,100}$/, "expected a repository name")
  .refine((name) => name !== "." && name !== "..", "expected a repository name");

/** A GitHub issue number, or a Linear key such as ENG-12 for issues tracked in Linear. */
const issueKey = z
  .string()
  .regex(
    /^(?:[1-9][0-9]{0,9}|[A-Za-z][A-Za-z0-9]{0,9}-[1-9][0-9]{0,9})$/,
    "expected an issue number (42) or a Linear key (ENG-12)",
  )
  .transform((key) => key.toUpperCase());

export const issueCostParamsSchema = z.object({ owner, repo: repoName, number: issueKey });

/** A message for query parameters the route does not know, saying which ones it takes. */
const unknownParameters = (takes: string) => (issue: { code?: string; keys?: string[] }) =>
  issue.code === "unrecognized_keys"
    ? `unknown parameter ${(issue.keys ?? []).map((k) => `"${k}"`).join(", ")}; ${takes}`
    : undefined;

export const byIssueQuerySchema = z.strictObject(
  {
    repo: z
      .string()
      .regex(/^[A-Za-z0-9-]{1,39}\/[A-Za-z0-9._-]{1,100}$/, "expected owner/name")
      .optional(),
  },
  { error: unknownParameters("the only one is repo=owner/name") },
);

export const noQuerySchema = z.strictObject(
  {},
  { error: unknownParameters("this route takes no query parameters") },
);

/** Validates `data` (path params or the query) against `schema`; 400 naming the field otherwise. */
export function parseParams<T extends z.ZodType>(schema: T, data: unknown, where: string): z.output<T> {
  const result = schema.safeParse(data);
  if (!result.success)
    throw new HttpError(
      400,
      `Invalid ${where}: ${formatIssues(result.error)
        .replace(/^\(top level\): /gm, "")
        .replace(/\n/g, "; ")}`,
    );
  return result.data;
}

/**
 * The query string as an object; a parameter given twice is refused, not silently picked. Vercel may append the
 * path's own segments of a bracketed function file (`?owner=acme&repo=web&number=42`); copies that repeat
 * `pathParams` are dropped.
 */
export function queryOf(
  req: IncomingMessage,
  pathParams: Record<string, string> = {},
): Record<string, string> {
  const params = new URL(req.url ?? "/", "http://localhost").searchParams;
  const query: Record<string, string> = {};
  for (const [name, value] of params) {
    if (pathParams[name] === value) continue;
    if (name in query) throw new HttpError(400, `Invalid query: ${name} is given twice; give it once.`);
    query[name] = value;
  }
  return query;
}
