// Matches a request to its route. The same table serves `drover serve` and, one route per file, Vercel.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AppContext } from "./app-context.js";
import { HttpError, sendError } from "./http.js";

export type RouteHandler = (
  app: AppContext,
  req: IncomingMessage,
  res: ServerResponse,
  params: Record<string, string>,
) => Promise<void>;

export interface Route {
  method: "GET" | "POST" | "PUT" | "DELETE" | "*";
  /** A path with `:name` segments, e.g. /api/issues/:owner/:repo/:number/costs. */
  path: string;
  handler: RouteHandler;
}

/** The params of `path` if `pathname` matches it. */
export function matchPath(path: string, pathname: string): Record<string, string> | undefined {
  const want = path.split("/");
  const got = pathname.replace(/\/+$/, "").split("/");
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const segment = want[i]!;
    if (segment.startsWith(":")) params[segment.slice(1)] = decodeURIComponent(got[i]!);
    else if (segment !== got[i]) return undefined;
  }
  return params;
}

/** Runs the handler of the matching route; 404/405 otherwise; any error becomes a JSON reply. */
export async function dispatch(
  app: AppContext,
  routes: readonly Route[],
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const pathname = new URL(req.url ?? "/", "http://localhost").pathname;
  try {
    const candidates = routes.flatMap((route) => {
      const params = matchPath(route.path, pathname);
      return params ? [{ route, params }] : [];
    });
    if (candidates.length === 0) throw new HttpError(404, `No route for ${pathname}.`);
    const hit = candidates.find(({ route }) => route.method === "*" || route.method === req.method);
    if (!hit) throw new HttpError(405, `${req.method} is not allowed on ${pathname}.`);
    await hit.route.handler(app, req, res, hit.params);
  } catch (error) {
    if (!(error instanceof HttpError)) app.log.error({ err: error, path: pathname }, "request failed");
    if (!res.headersSent) sendError(res, error);
    else res.end();
  }
}
