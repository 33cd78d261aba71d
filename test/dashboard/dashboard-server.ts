// The dashboard served in the test process (node:http with the app's real route table) so nock can fake
// GitHub for the OAuth tests, plus the small cookie and form helpers a browser would provide.
import type { Server } from "node:http";
import { parseDashboardEnv } from "../../src/dashboard/dashboard-env.js";
import { configureDashboard } from "../../src/dashboard/dashboard-settings.js";
import { startServer } from "../../src/server/serve.js";
import { freePort } from "../support/free-port.js";
import type { TestApp } from "../support/test-app.js";

export interface DashboardServer {
  url: string;
  close(): Promise<void>;
}

export async function startDashboard(t: TestApp, env: NodeJS.ProcessEnv): Promise<DashboardServer> {
  configureDashboard(t.app, parseDashboardEnv(env));
  const port = await freePort();
  const server: Server = await startServer(t.app, port, "127.0.0.1");
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

/** `name=value` of each cookie the response sets, ready for a Cookie header. */
export function cookiesFrom(res: Response): Record<string, string> {
  return Object.fromEntries(
    res.headers.getSetCookie().map((line) => {
      const pair = line.split(";")[0]!;
      const eq = pair.indexOf("=");
      return [pair.slice(0, eq), pair.slice(eq + 1)];
    }),
  );
}

export function cookieHeader(cookies: Record<string, string>): string {
  return Object.entries(cookies)
    .map(([name, value]) => `${name}=${value}`)
    .join("; ");
}

/** The CSRF token the page's forms carry. */
export function csrfFrom(page: string): string {
  const match = /name="csrf" value="([^"]+)"/.exec(page);
  if (!match) throw new Error("the page has no form with a CSRF token");
  return match[1]!;
}

export function form(fields: Record<string, string>): URLSearchParams {
  return new URLSearchParams(fields);
}
