// Who is looking at the dashboard: a bearer token on the request, or the signed sign-in cookie the login page
// or GitHub sign-in set. Also what they may see, and the CSRF token their forms must carry.
import { randomBytes } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { z } from "zod";
import type { AppContext } from "../../server/app-context.js";
import { bearerToken } from "../../server/http.js";
import { safeEqual } from "../../shared/safe-equal.js";
import { dashboardSettings } from "../dashboard-settings.js";
import { cookieHeader, isHttps, readCookie } from "./cookies.js";
import { hmac, readSignedValue, signValue } from "./signed-value.js";

export type Principal =
  /** Signed in with DROVER_DASHBOARD_TOKEN: sees and acts on everything. */
  | { kind: "token"; login: string }
  /** Signed in with GitHub: sees the accounts (users, orgs) where the app is installed and they have access. */
  | { kind: "github"; login: string; accounts: string[] };

export interface Viewer {
  principal: Principal;
  /** How the request proved who it is; a bearer token is not sent by browsers on their own, a cookie is. */
  via: "bearer" | "cookie";
  /** The token forms must send back; undefined for bearer requests, which cannot be forged cross-site. */
  csrf: string | undefined;
}

export const signInCookieName = "drover_dashboard";
const cookiePurpose = "dashboard-sign-in";
// The whole site: the cost API under /api reads the same sign-in as the pages under /dashboard.
const cookiePath = "/";

const signInSchema = z.object({
  v: z.literal(1),
  kind: z.enum(["token", "github"]),
  login: z.string().min(1),
  accounts: z.array(z.string()).optional(),
  nonce: z.string().min(8),
  exp: z.number(),
});

/** The one name shown in session logs for bearer requests and token sign-ins without a name. */
export const defaultLogin = "dashboard";

export function authenticate(app: AppContext, req: IncomingMessage): Viewer | undefined {
  const settings = dashboardSettings(app);
  const bearer = bearerToken(req);
  if (bearer !== undefined) {
    if (settings.token && safeEqual(bearer, settings.token))
      return { principal: { kind: "token", login: defaultLogin }, via: "bearer", csrf: undefined };
    return undefined;
  }
  const value = readSignedValue(
    settings.signingKey,
    cookiePurpose,
    readCookie(req, signInCookieName),
    signInSchema,
    app.now(),
  );
  if (!value) return undefined;
  // A token sign-in outlives nothing: once the token is unset, its cookies stop working.
  if (value.kind === "token" && !settings.token) return undefined;
  if (value.kind === "github" && !settings.github) return undefined;
  const principal: Principal =
    value.kind === "token"
      ? { kind: "token", login: value.login }
      : { kind: "github", login: value.login, accounts: value.accounts ?? [] };
  return { principal, via: "cookie", csrf: hmac(settings.signingKey, `csrf.${value.nonce}`) };
}

/** The Set-Cookie header that signs `principal` in for the configured time. */
export function signInCookie(app: AppContext, req: IncomingMessage, principal: Principal): string {
  const settings = dashboardSettings(app);
  const value = signValue(settings.signingKey, cookiePurpose, {
    v: 1,
    kind: principal.kind,
    login: principal.login,
    ...(principal.kind === "github" ? { accounts: principal.accounts } : {}),
    nonce: randomBytes(16).toString("base64url"),
    exp: app.now() + settings.sessionTtlMs,
  });
  return cookieHeader(signInCookieName, value, {
    path: cookiePath,
    maxAge: settings.sessionTtlMs / 1000,
    secure: isHttps(req, app.env.DROVER_PUBLIC_URL),
  });
}

export function signOutCookie(app: AppContext, req: IncomingMessage): string {
  return cookieHeader(signInCookieName, "", {
    path: cookiePath,
    maxAge: 0,
    secure: isHttps(req, app.env.DROVER_PUBLIC_URL),
  });
}

/** Whether a form's CSRF token matches the viewer's sign-in. */
export function validCsrf(viewer: Viewer, given: string | undefined): boolean {
  if (viewer.via === "bearer") return true;
  return viewer.csrf !== undefined && given !== undefined && safeEqual(given, viewer.csrf);
}

/** GitHub users see the sessions of the accounts they reached through the app's installations. */
/** The accounts whose figures the principal may see; undefined: all of them. */
export function visibleAccounts(principal: Principal): readonly string[] | undefined {
  return principal.kind === "token" ? undefined : principal.accounts;
}

export function canSee(principal: Principal, repo: string): boolean {
  if (principal.kind === "token") return true;
  const owner = repo.split("/")[0]?.toLowerCase();
  return principal.accounts.some((account) => account.toLowerCase() === owner);
}
