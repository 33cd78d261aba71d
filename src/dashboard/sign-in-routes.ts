// Signing in and out: the login page, the token form, GitHub's web flow and sign-out. After signing in the
// browser goes back to the page it asked for (a notification's deep link, say).
import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import type { AppContext } from "../server/app-context.js";
import { HttpError } from "../server/http.js";
import type { Route } from "../server/router.js";
import { safeEqual } from "../shared/safe-equal.js";
import { cookieHeader, isHttps, readCookie } from "./auth/cookies.js";
import { authorizeUrl, exchangeCode, identify } from "./auth/github-sign-in.js";
import { safeNextPath } from "./auth/next-path.js";
import { fromSameOrigin } from "./auth/same-origin.js";
import { readSignedValue, signValue } from "./auth/signed-value.js";
import { authenticate, defaultLogin, signInCookie, signOutCookie, validCsrf } from "./auth/viewer.js";
import { dashboardSettings } from "./dashboard-settings.js";
import { readForm } from "./form-body.js";
import { loginPage } from "./pages/login-page.js";
import { redirect, requestUrl, sendHtml } from "./respond.js";

const oauthCookieName = "drover_oauth";
const oauthPurpose = "dashboard-oauth-state";
const oauthPath = "/dashboard/auth";
const oauthStateSchema = z.object({ state: z.string().min(16), next: z.string(), exp: z.number() });

const loginForm = z.object({
  token: z.string({ error: "enter the dashboard token" }).min(1, "enter the dashboard token"),
  name: z
    .string()
    .trim()
    .regex(/^$|^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/, "use your GitHub login: letters, digits and hyphens")
    .optional(),
  next: z.string().optional(),
});

/** Where GitHub sends people back to: DROVER_PUBLIC_URL when set, else the address this request came to. */
function callbackUrl(app: AppContext, req: IncomingMessage): string {
  const configured = app.env.DROVER_PUBLIC_URL?.replace(/\/+$/, "");
  const forwardedHost = req.headers["x-forwarded-host"];
  const host = (Array.isArray(forwardedHost) ? forwardedHost[0] : forwardedHost) ?? req.headers.host;
  const base = configured ?? `${isHttps(req, undefined) ? "https" : "http"}://${host}`;
  return `${base}/dashboard/auth/github/callback`;
}

function showLogin(app: AppContext, res: ServerResponse, status: number, next: string, error?: string): void {
  sendHtml(res, status, loginPage({ settings: dashboardSettings(app), next, ...(error ? { error } : {}) }));
}

async function getLogin(app: AppContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const next = safeNextPath(requestUrl(req).searchParams.get("next"));
  if (authenticate(app, req)) return redirect(res, next);
  showLogin(app, res, 200, next);
}

async function postLogin(app: AppContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const settings = dashboardSettings(app);
  if (!settings.token) throw new HttpError(404, "Token sign-in is off: DROVER_DASHBOARD_TOKEN is not set.");
  if (!fromSameOrigin(req)) throw new HttpError(403, "This sign-in was sent from another site.");
  let form: z.output<typeof loginForm>;
  try {
    form = await readForm(req, loginForm);
  } catch (error) {
    if (!(error instanceof HttpError) || error.status !== 400) throw error;
    return showLogin(app, res, 400, "/dashboard", error.message);
  }
  const next = safeNextPath(form.next);
  if (!safeEqual(form.token, settings.token)) {
    app.log.warn("dashboard sign-in with a wrong token");
    return showLogin(app, res, 401, next, "That is not the dashboard token. Check DROVER_DASHBOARD_TOKEN.");
  }
  const login = form.name || defaultLogin;
  redirect(res, next, { "set-cookie": signInCookie(app, req, { kind: "token", login }) });
}

async function postLogout(app: AppContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const viewer = authenticate(app, req);
  if (viewer) {
    const form = await readForm(req, z.object({ csrf: z.string().optional() }));
    if (!fromSameOrigin(req) || !validCsrf(viewer, form.csrf))
      throw new HttpError(403, "This sign-out was not sent from the dashboard; reload the page and retry.");
  }
  redirect(res, "/dashboard/login", { "set-cookie": signOutCookie(app, req) });
}

async function startGitHub(app: AppContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { github, signingKey } = dashboardSettings(app);
  if (!github)
    throw new HttpError(404, "GitHub sign-in is off: set GITHUB_CLIENT_ID and GITHUB_CLIENT_SECRET.");
  const next = safeNextPath(requestUrl(req).searchParams.get("next"));
  const state = randomBytes(24).toString("base64url");
  const cookie = signValue(signingKey, oauthPurpose, { state, next, exp: app.now() + 10 * 60_000 });
  res.writeHead(302, {
    location: authorizeUrl(github, callbackUrl(app, req), state),
    "set-cookie": cookieHeader(oauthCookieName, cookie, {
      path: oauthPath,
      maxAge: 600,
      secure: isHttps(req, app.env.DROVER_PUBLIC_URL),
    }),
    "cache-control": "no-store",
  });
  res.end();
}

async function finishGitHub(app: AppContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { github, signingKey } = dashboardSettings(app);
  if (!github)
    throw new HttpError(404, "GitHub sign-in is off: set GITHUB_CLIENT_ID and GITHUB_CLIENT_SECRET.");
  const url = requestUrl(req);
  const saved = readSignedValue(
    signingKey,
    oauthPurpose,
    readCookie(req, oauthCookieName),
    oauthStateSchema,
    app.now(),
  );
  const clear = cookieHeader(oauthCookieName, "", {
    path: oauthPath,
    maxAge: 0,
    secure: isHttps(req, app.env.DROVER_PUBLIC_URL),
  });
  const fail = (status: number, message: string) => {
    res.setHeader("set-cookie", clear);
    showLogin(app, res, status, saved?.next ?? "/dashboard", message);
  };
  const denied = url.searchParams.get("error");
  if (denied) return fail(403, `GitHub sign-in was not completed (${denied}).`);
  const state = url.searchParams.get("state") ?? "";
  const code = url.searchParams.get("code") ?? "";
  if (!saved || !code || !safeEqual(state, saved.state))
    return fail(400, "This sign-in link expired or was started in another browser; sign in again.");
  try {
    const token = await exchangeCode(github, code, callbackUrl(app, req));
    const identity = await identify(github, token);
    if (identity.accounts.length === 0) {
      app.log.warn({ login: identity.login }, "dashboard sign-in refused: no installation");
      return fail(
        403,
        `@${identity.login} is not a member of any account where the Drover app is installed, so the dashboard stays closed.`,
      );
    }
    app.log.info({ login: identity.login, accounts: identity.accounts }, "dashboard sign-in with GitHub");
    redirect(res, safeNextPath(saved.next), {
      "set-cookie": [
        clear,
        signInCookie(app, req, { kind: "github", login: identity.login, accounts: identity.accounts }),
      ],
    });
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    fail(error.status, error.message);
  }
}

export const signInRoutes: Route[] = [
  { method: "GET", path: "/dashboard/login", handler: getLogin },
  { method: "POST", path: "/dashboard/login", handler: postLogin },
  { method: "POST", path: "/dashboard/logout", handler: postLogout },
  { method: "GET", path: "/dashboard/auth/github", handler: startGitHub },
  { method: "GET", path: "/dashboard/auth/github/callback", handler: finishGitHub },
];
