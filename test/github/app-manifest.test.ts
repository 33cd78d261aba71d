// app.yml asks for exactly what Drover uses: the events it has handlers for, and least-privilege permissions.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import webhookFunction from "../../api/github/webhooks.js";
import { webhookPath } from "../../src/github/connect-github-app.js";
import { subscribedEvents } from "../../src/github/webhooks/webhook-handlers.js";

const manifest = parse(readFileSync(resolve(import.meta.dirname, "../../app.yml"), "utf8"));

describe("the GitHub App manifest", () => {
  it("subscribes to exactly the events Drover handles", () => {
    expect([...manifest.default_events].sort()).toEqual([...subscribedEvents].sort());
  });

  it("asks for these permissions and no more (write only where Drover writes)", () => {
    expect(manifest.default_permissions).toEqual({
      issues: "write",
      pull_requests: "write",
      contents: "write",
      checks: "read",
      statuses: "read",
      actions: "read",
      metadata: "read",
    });
  });

  it("points the webhook at the route `drover serve` and the Vercel function serve", () => {
    expect(new URL(manifest.hook_attributes.url).pathname).toBe(webhookPath);
    expect(typeof webhookFunction).toBe("function");
  });
});
