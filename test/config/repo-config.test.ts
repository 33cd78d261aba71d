// The repo config schema: defaults for everything, and errors that name the path and the expected type.
import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../../src/config/format-issues.js";
import { defaultRepoConfig, parseRepoConfigText } from "../../src/config/repo-config.js";

function errorOf(text: string): string {
  try {
    parseRepoConfigText(text);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputError);
    return (error as Error).message;
  }
  throw new Error("expected the config to be rejected");
}

describe("repo config", () => {
  it("gives every reaction its documented default", () => {
    const r = defaultRepoConfig.reactions;
    expect(r["ci-failed"]).toMatchObject({ send: true, retries: 2, priority: "warning" });
    expect(r["changes-requested"]).toMatchObject({ send: true, escalateAfter: 30 * 60_000 });
    expect(r["bot-comments"]).toMatchObject({ send: true, escalateAfter: 30 * 60_000 });
    expect(r["merge-conflicts"]).toMatchObject({ send: true, escalateAfter: 15 * 60_000 });
    expect(r["approved-and-green"]).toMatchObject({ priority: "action" });
    expect(r["agent-stuck"]).toMatchObject({ after: 10 * 60_000, priority: "urgent" });
    expect(r["agent-needs-input"].priority).toBe("urgent");
    expect(r["agent-exited"].priority).toBe("urgent");
    expect(r["agent-idle-no-pr"]).toMatchObject({ after: 30 * 60_000, priority: "warning" });
    expect(r["all-complete"].priority).toBe("info");
    expect(defaultRepoConfig.notifications.routing).toEqual({
      urgent: ["slack", "github", "webhook", "desktop"],
      action: ["slack", "desktop"],
      warning: ["slack"],
      info: ["slack"],
    });
    expect(defaultRepoConfig.autoMerge).toBe(false);
    expect(defaultRepoConfig.labels.spawn).toBe("drover");
  });

  it("reads a full file", () => {
    const config = parseRepoConfigText(`
agent: { name: claude-headless, model: claude-sonnet-4-5 }
runtime: process
workspace: { kind: clone, postCreate: ["npm ci"], symlinks: [".env"] }
reactions:
  ci-failed: { retries: 3 }
  merge-conflicts: { escalateAfter: 1h }
notifications: { routing: { warning: [slack, webhook] } }
autoMerge: true
budgets: { perSession: 20, perDay: 100 }
`);
    expect(config.agent).toEqual({ name: "claude-headless", model: "claude-sonnet-4-5" });
    expect(config.workspace).toEqual({ kind: "clone", postCreate: ["npm ci"], symlinks: [".env"] });
    expect(config.reactions["ci-failed"].retries).toBe(3);
    expect(config.reactions["merge-conflicts"].escalateAfter).toBe(3_600_000);
    expect(config.notifications.routing.warning).toEqual(["slack", "webhook"]);
    expect(config.notifications.routing.urgent).toHaveLength(4);
    expect(config.budgets).toEqual({ perSession: 20, perDay: 100, warnAt: 0.8 });
  });

  it("treats an empty file as all defaults", () => {
    expect(parseRepoConfigText("")).toEqual(defaultRepoConfig);
  });

  it("names the path and the expected type of each mistake", () => {
    const message = errorOf(
      "reactions:\n  ci-failed:\n    retries: two\n  ci-failld: {}\nautoMerge: yes please\n",
    );
    expect(message).toContain("reactions.ci-failed.retries: expected number, received string");
    expect(message).toContain('reactions: Unrecognized key: "ci-failld"');
    expect(message).toContain("autoMerge: expected boolean, received string");
  });

  it("explains a bad duration and bad YAML", () => {
    expect(errorOf("reactions: { agent-stuck: { after: soon } }")).toContain(
      'reactions.agent-stuck.after: expected a duration such as "30m", "2h" or "45s", got "soon"',
    );
    expect(errorOf("agent: [unclosed")).toContain("not valid YAML");
  });
});
