// The pieces access control rests on: signed values that cannot be forged or outlive their expiry, redirects
// after sign-in that stay on the dashboard, the Origin check, and env errors that name the variable.
import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { loginPath, safeNextPath } from "../../src/dashboard/auth/next-path.js";
import { fromSameOrigin } from "../../src/dashboard/auth/same-origin.js";
import { readSignedValue, signValue } from "../../src/dashboard/auth/signed-value.js";
import { parseDashboardEnv } from "../../src/dashboard/dashboard-env.js";

const key = Buffer.alloc(32, 7);
const schema = z.object({ login: z.string(), exp: z.number() });

describe("signed values", () => {
  const value = signValue(key, "sign-in", { login: "maria", exp: 2000 });

  it("reads back what was signed until it expires", () => {
    expect(readSignedValue(key, "sign-in", value, schema, 1999)).toEqual({ login: "maria", exp: 2000 });
    expect(readSignedValue(key, "sign-in", value, schema, 2000)).toBeUndefined();
  });

  it("refuses altered values, other keys and other purposes", () => {
    const [body, signature] = value.split(".") as [string, string];
    const forged = Buffer.from(JSON.stringify({ login: "admin", exp: 2000 })).toString("base64url");
    expect(readSignedValue(key, "sign-in", `${forged}.${signature}`, schema, 0)).toBeUndefined();
    expect(readSignedValue(key, "sign-in", `${body}.${signature.slice(1)}x`, schema, 0)).toBeUndefined();
    expect(readSignedValue(Buffer.alloc(32, 8), "sign-in", value, schema, 0)).toBeUndefined();
    expect(readSignedValue(key, "oauth", value, schema, 0)).toBeUndefined();
    expect(readSignedValue(key, "sign-in", "garbage", schema, 0)).toBeUndefined();
    expect(readSignedValue(key, "sign-in", undefined, schema, 0)).toBeUndefined();
  });
});

describe("the page after sign-in", () => {
  it.each([
    ["/dashboard/sessions/web-42", "/dashboard/sessions/web-42"],
    ["/dashboard/costs?x=1", "/dashboard/costs?x=1"],
    ["/dashboard", "/dashboard"],
    ["https://evil.example/dashboard", "/dashboard"],
    ["//evil.example/dashboard", "/dashboard"],
    ["/\\evil.example", "/dashboard"],
    ["/api/health", "/dashboard"],
    ["/dashboardx", "/dashboard"],
    ["/dashboard/../api/cron/sweep", "/dashboard"],
    ["/dashboard/login", "/dashboard"],
    [undefined, "/dashboard"],
  ])("%s → %s", (next, target) => {
    expect(safeNextPath(next)).toBe(target);
  });

  it("puts the page asked for on the login link", () => {
    expect(loginPath("/dashboard/sessions/web-42?done=kill")).toBe(
      "/dashboard/login?next=%2Fdashboard%2Fsessions%2Fweb-42%3Fdone%3Dkill",
    );
    expect(loginPath("/dashboard")).toBe("/dashboard/login");
  });
});

describe("fromSameOrigin", () => {
  const req = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;
  it("accepts this site and requests without Origin, refuses others", () => {
    expect(fromSameOrigin(req({ host: "drover.example", origin: "https://drover.example" }))).toBe(true);
    expect(fromSameOrigin(req({ host: "drover.example" }))).toBe(true);
    expect(fromSameOrigin(req({ host: "drover.example", origin: "https://evil.example" }))).toBe(false);
    expect(fromSameOrigin(req({ host: "drover.example", origin: "null" }))).toBe(false);
    expect(
      fromSameOrigin(
        req({
          host: "internal:3000",
          "x-forwarded-host": "drover.example",
          origin: "https://drover.example",
        }),
      ),
    ).toBe(true);
  });
});

describe("parseDashboardEnv", () => {
  it("has safe defaults", () => {
    expect(parseDashboardEnv({})).toEqual({
      DROVER_DASHBOARD_REFRESH: 10_000,
      DROVER_DASHBOARD_SESSION_TTL: 43_200_000,
    });
  });

  it.each([
    [{ DROVER_DASHBOARD_TOKEN: "short" }, "DROVER_DASHBOARD_TOKEN: use at least 16 characters"],
    [{ GITHUB_CLIENT_ID: "Iv1.abc" }, "GITHUB_CLIENT_SECRET: is missing"],
    [{ GITHUB_CLIENT_SECRET: "s3cret" }, "GITHUB_CLIENT_ID: is missing"],
    [{ DROVER_DASHBOARD_SECRET: "x" }, "DROVER_DASHBOARD_SECRET: use at least 32 characters"],
    [{ DROVER_DASHBOARD_REFRESH: "soon" }, 'DROVER_DASHBOARD_REFRESH: expected a duration such as "30m"'],
    [{ DROVER_DASHBOARD_REFRESH: "200ms" }, "DROVER_DASHBOARD_REFRESH: refresh at most once a second"],
    [
      { DROVER_DASHBOARD_SESSION_TTL: "5s" },
      "DROVER_DASHBOARD_SESSION_TTL: sign-ins must last at least a minute",
    ],
  ])("names the bad variable in %j", (env, message) => {
    expect(() => parseDashboardEnv(env)).toThrow(message);
  });
});
