// One dashboard page as a route: signs the viewer in (or sends them to the login page, or 401 for JSON), builds
// the page, and answers with the full HTML or, for the live refresh, its JSON form with an ETag.
import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AppContext } from "../server/app-context.js";
import { HttpError, sendJson } from "../server/http.js";
import type { Route } from "../server/router.js";
import { loginPath } from "./auth/next-path.js";
import { authenticate, type Viewer } from "./auth/viewer.js";
import { dashboardSettings } from "./dashboard-settings.js";
import type { SafeHtml } from "./html.js";
import { redirect, requestUrl, securityHeaders, sendHtml, wantsJson } from "./respond.js";
import { errorMain } from "./views/error-view.js";
import { layout, type NavKey } from "./views/layout.js";

export interface PageContent {
  title: string;
  main: SafeHtml;
  nav?: NavKey;
  status?: number;
}

export interface PageRequest {
  app: AppContext;
  req: IncomingMessage;
  viewer: Viewer;
  params: Record<string, string>;
  url: URL;
}

export type PageBuilder = (request: PageRequest) => Promise<PageContent>;

export const unauthenticatedJson = {
  error: "Sign in first: open /dashboard/login, or send Authorization: Bearer $DROVER_DASHBOARD_TOKEN.",
};

/** Answers a request nobody signed: the login page for people (then back to `next`), 401 for scripts. */
export function refuse(req: IncomingMessage, res: ServerResponse, next?: string): void {
  if (wantsJson(req)) {
    sendJson(res, 401, unauthenticatedJson, {
      "www-authenticate": 'Bearer realm="drover-dashboard"',
      vary: securityHeaders.vary!,
    });
    return;
  }
  const url = requestUrl(req);
  redirect(res, loginPath(next ?? `${url.pathname}${url.search}`));
}

export function pageRoute(path: string, build: PageBuilder): Route {
  return {
    method: "GET",
    path,
    handler: async (app, req, res, params) => {
      const viewer = authenticate(app, req);
      if (!viewer) return refuse(req, res);
      const url = requestUrl(req);
      let content: PageContent;
      try {
        content = await build({ app, req, viewer, params, url });
      } catch (error) {
        if (!(error instanceof HttpError)) throw error;
        if (wantsJson(req)) throw error;
        content = { title: "Not available", main: errorMain(error), status: error.status };
      }
      const etag = `"${createHash("sha256").update(content.main.text).digest("base64url").slice(0, 22)}"`;
      const status = content.status ?? 200;
      if (wantsJson(req)) {
        if (status === 200 && req.headers["if-none-match"] === etag) {
          res.writeHead(304, { ...securityHeaders, etag });
          res.end();
          return;
        }
        sendJson(
          res,
          status,
          { title: `${content.title} · Drover`, etag, html: content.main.text },
          { etag, vary: securityHeaders.vary! },
        );
        return;
      }
      const refreshMs = status === 200 ? dashboardSettings(app).refreshMs : undefined;
      sendHtml(
        res,
        status,
        layout({ ...content, viewer, ...(refreshMs !== undefined ? { refreshMs, etag } : {}) }),
        { etag },
      );
    },
  };
}
