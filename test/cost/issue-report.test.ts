// Cost per Drover issue: agent sessions are added up through the runner's links file.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildCostReport } from "../../src/cost/build-cost-report.js";
import { CostFileError } from "../../src/cost/errors.js";
import { defaultLinksPath, readLinks } from "../../src/cost/links.js";

const root = mkdtempSync(join(tmpdir(), "drover-issue-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const claudeDir = join(root, "claude");
mkdirSync(join(claudeDir, "projects", "repo"), { recursive: true });
const transcript = (session: string, tokens: number) =>
  writeFileSync(
    join(claudeDir, "projects", "repo", `${session}.jsonl`),
    `${JSON.stringify({ timestamp: "2025-06-01T10:00:00Z", sessionId: session, requestId: `r-${session}`, message: { id: `m-${session}`, model: "claude-haiku-4-5-20251001", usage: { input_tokens: tokens, output_tokens: 0 } } })}\n`,
  );
transcript("aaaa", 1_000_000);
transcript("bbbb", 2_000_000);
transcript("cccc", 4_000_000);
const linksPath = join(root, "links.json");
const options = {
  agents: "claude" as const,
  env: { CLAUDE_CONFIG_DIR: claudeDir },
  cacheDir: false as const,
  timeZone: "UTC",
  linksPath,
};

describe("the issue report", () => {
  it("adds the linked agent sessions up per issue and lists what is not linked", async () => {
    writeFileSync(
      linksPath,
      JSON.stringify({
        version: 1,
        links: {
          aaaa: { sessionId: "drover-1", repo: "acme/api", issue: 12, agent: "claude" },
          bbbb: { sessionId: "drover-2", repo: "acme/api", issue: 12, linkedAt: "2025-06-01T09:00:00Z" },
        },
      }),
    );
    const report = await buildCostReport("issue", options);
    if (report.kind !== "issue") throw new Error("expected an issue report");
    expect(report.issues).toMatchObject([
      {
        issue: "acme/api#12",
        repo: "acme/api",
        number: 12,
        droverSessions: ["drover-1", "drover-2"],
        inputTokens: 3_000_000,
      },
    ]);
    expect(report.issues[0]!.totalCost).toBeCloseTo(3, 9);
    expect(report.unlinked).toMatchObject({ agentSessions: 1, inputTokens: 4_000_000 });
    expect(report.links).toMatchObject({ path: linksPath, exists: true, count: 2 });
  });

  it("says when there is no links file yet", async () => {
    const report = await buildCostReport("issue", { ...options, linksPath: join(root, "none.json") });
    expect(report.kind === "issue" && report.links.exists).toBe(false);
    expect(report.kind === "issue" && report.issues).toEqual([]);
  });

  it("rejects a links file that does not match the format, naming the file and the field", async () => {
    writeFileSync(
      linksPath,
      JSON.stringify({ version: 1, links: { aaaa: { sessionId: "d", repo: "no-slash", issue: 0 } } }),
    );
    const error = await readLinks(linksPath).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CostFileError);
    expect((error as Error).message).toContain(linksPath);
    expect((error as Error).message).toMatch(/links\.aaaa\.repo: expected owner\/name/);
    expect((error as Error).message).toMatch(/links\.aaaa\.issue/);
    writeFileSync(linksPath, "{");
    await expect(readLinks(linksPath)).rejects.toThrow(/is not JSON/);
  });

  it("keeps links in the runner's data dir", () => {
    expect(defaultLinksPath({ DROVER_DATA_DIR: "/data" })).toBe("/data/links.json");
    expect(defaultLinksPath({ XDG_DATA_HOME: "/xdg" })).toBe("/xdg/drover/links.json");
  });
});
