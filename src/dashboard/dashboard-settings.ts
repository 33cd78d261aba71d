// The dashboard's settings for one app: parsed from the environment when the app starts (so a bad variable
// stops `drover serve` at once) and looked up by every dashboard route.
import { createHash } from "node:crypto";
import type { AppContext } from "../server/app-context.js";
import { type DashboardEnv, parseDashboardEnv } from "./dashboard-env.js";

export interface GitHubSignIn {
  clientId: string;
  clientSecret: string;
  /** https://github.com or the GitHub Enterprise host: where people authorise. */
  webUrl: string;
  /** The REST API base for that host. */
  apiUrl: string;
}

export interface DashboardSettings {
  token: string | undefined;
  github: GitHubSignIn | undefined;
  /** HMAC key for cookies and CSRF tokens. */
  signingKey: Buffer;
  refreshMs: number;
  sessionTtlMs: number;
}

const byApp = new WeakMap<AppContext, DashboardSettings>();

export function configureDashboard(app: AppContext, env: DashboardEnv): DashboardSettings {
  const host = app.env.GHE_HOST;
  const webUrl = host ? `${app.env.GHE_PROTOCOL ?? "https"}://${host}` : "https://github.com";
  const github =
    env.GITHUB_CLIENT_ID && env.GITHUB_CLIENT_SECRET
      ? {
          clientId: env.GITHUB_CLIENT_ID,
          clientSecret: env.GITHUB_CLIENT_SECRET,
          webUrl,
          apiUrl: host ? `${webUrl}/api/v3` : "https://api.github.com",
        }
      : undefined;
  // Without an explicit secret the key follows the credentials, so rotating the token signs everyone out.
  const material = [
    "drover-dashboard-v1",
    env.DROVER_DASHBOARD_SECRET ?? "",
    env.DROVER_DASHBOARD_TOKEN ?? "",
    env.GITHUB_CLIENT_SECRET ?? "",
  ].join("\u0000");
  const settings: DashboardSettings = {
    token: env.DROVER_DASHBOARD_TOKEN,
    github,
    signingKey: createHash("sha256").update(material).digest(),
    refreshMs: env.DROVER_DASHBOARD_REFRESH,
    sessionTtlMs: env.DROVER_DASHBOARD_SESSION_TTL,
  };
  byApp.set(app, settings);
  return settings;
}

/** The app's dashboard settings; an app built without the integrations reads process.env on first use. */
export function dashboardSettings(app: AppContext): DashboardSettings {
  return byApp.get(app) ?? configureDashboard(app, parseDashboardEnv(process.env));
}
