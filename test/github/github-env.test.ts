// The GitHub App's environment: all three credentials or none, keys as people paste them, and the Enterprise
// Server API root every call goes to.
import { describe, expect, it } from "vitest";
import { parseEnv } from "../../src/config/env.js";
import { InvalidInputError } from "../../src/config/format-issues.js";
import { githubAppOf } from "../../src/github/github-app.js";
import { parseGitHubEnv } from "../../src/github/github-env.js";
import { createAppContext } from "../../src/server/app-context.js";
import { connectIntegrations } from "../../src/server/integrations.js";
import { createLogger } from "../../src/shared/logger.js";
import { createEmbeddedStore } from "../../src/store/create-embedded-store.js";
import { appPrivateKey } from "./support/app-key.js";

const complete = { APP_ID: "4711", PRIVATE_KEY: appPrivateKey(), WEBHOOK_SECRET: "s3cret" };

describe("the GitHub App environment", () => {
  it("is not configured when none of the three is set", () => {
    expect(parseGitHubEnv({})).toBeUndefined();
    expect(parseGitHubEnv({ APP_ID: " ", PRIVATE_KEY: "", WEBHOOK_SECRET: "" })).toBeUndefined();
  });

  it("names each missing variable when only some are set", () => {
    const attempt = () => parseGitHubEnv({ APP_ID: "4711" });
    expect(attempt).toThrow(InvalidInputError);
    expect(attempt).toThrow(/PRIVATE_KEY: is missing/);
    expect(attempt).toThrow(/WEBHOOK_SECRET: is missing/);
  });

  it("says what is wrong with an App ID or a key that cannot be right", () => {
    expect(() => parseGitHubEnv({ ...complete, APP_ID: "drover" })).toThrow(
      /APP_ID: expected the numeric App ID/,
    );
    expect(() => parseGitHubEnv({ ...complete, PRIVATE_KEY: "hunter2" })).toThrow(
      /PRIVATE_KEY: is not a PEM/,
    );
  });

  it("reads a key pasted with literal \\n or base64-encoded", () => {
    const pem = appPrivateKey();
    const escaped = parseGitHubEnv({ ...complete, PRIVATE_KEY: pem.replaceAll("\n", "\\n") });
    const encoded = parseGitHubEnv({ ...complete, PRIVATE_KEY: Buffer.from(pem).toString("base64") });
    expect(escaped?.privateKey).toBe(pem);
    expect(encoded?.privateKey).toBe(pem);
  });

  it("talks to api.github.com, or to the Enterprise Server named by GHE_HOST and GHE_PROTOCOL", () => {
    expect(parseGitHubEnv(complete)?.baseUrl).toBe("https://api.github.com");
    expect(parseGitHubEnv({ ...complete, GHE_HOST: "github.acme.test" })?.baseUrl).toBe(
      "https://github.acme.test/api/v3",
    );
    expect(parseGitHubEnv({ ...complete, GHE_HOST: "ghe.local:8443", GHE_PROTOCOL: "http" })?.baseUrl).toBe(
      "http://ghe.local:8443/api/v3",
    );
    expect(() => parseGitHubEnv({ ...complete, GHE_HOST: "https://github.acme.test" })).toThrow(/GHE_HOST/);
  });

  it("is connected by the app's integrations when configured, and refused there when half-configured", () => {
    const context = () =>
      createAppContext({
        env: parseEnv({}),
        store: createEmbeddedStore(),
        log: createLogger("silent"),
      });
    const configured = connectIntegrations(context(), complete);
    expect(githubAppOf(configured)).toBeDefined();
    expect(configured.ports.github).toBeDefined();
    expect(githubAppOf(connectIntegrations(context(), {}))).toBeUndefined();
    expect(() => connectIntegrations(context(), { APP_ID: "4711" })).toThrow(/WEBHOOK_SECRET: is missing/);
  });
});
