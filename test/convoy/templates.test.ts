// Templates: the built-ins, custom ones in the user's config dir and the repo's .github/drover that extend or
// override them, and errors that name the file and the field.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { InvalidInputError } from "../../src/config/format-issues.js";
import { loadTemplateCatalog } from "../../src/convoy/load-templates.js";
import { resolveConvoy, UnknownTemplateError } from "../../src/convoy/resolve-convoy.js";

let root: string;
let repo: string;
let config: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "drover-templates-"));
  repo = join(root, "repo");
  config = join(root, "config");
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function write(path: string, text: string): string {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  return path;
}
const userFile = (path: string, text: string) => write(join(config, "drover", path), text);
const repoFile = (path: string, text: string) => write(join(repo, ".github", "drover", path), text);
const load = () => loadTemplateCatalog({ repoDir: repo, env: { XDG_CONFIG_HOME: config } });

const agentMd = (name: string, extra = "", prompt = "Review {{files}} for {{prUrl}}.") =>
  `---\nname: ${name}\ndescription: ${name} agent\nmodel: haiku\ntools: [Read]\noutput: findings\n${extra}---\n${prompt}\n`;

describe("built-in templates", () => {
  it("load from beside the module, and each one resolves", async () => {
    const catalog = await loadTemplateCatalog({ env: { XDG_CONFIG_HOME: config } });
    expect(catalog.problems).toEqual([]);
    expect([...catalog.convoys.keys()].sort()).toEqual([
      "code-review",
      "health-monitor",
      "planning",
      "triage",
    ]);
    const review = resolveConvoy(catalog, "code-review");
    expect(review.phases).toEqual([["correctness", "security", "performance"], ["synthesis"]]);
    expect(review.requires).toEqual(["files"]);
    expect(review.agents.map((a) => [a.role, a.agent, a.model, a.output, a.tools, a.timeoutMs])).toEqual([
      ["correctness", "correctness-reviewer", "sonnet", "findings", ["Read", "Grep", "Glob"], 600_000],
      ["security", "security-reviewer", "sonnet", "findings", ["Read", "Grep", "Glob"], 600_000],
      ["performance", "performance-reviewer", "sonnet", "findings", ["Read", "Grep", "Glob"], 600_000],
      ["synthesis", "review-synthesis", "opus", "synthesis", ["Read", "Grep", "Glob"], 600_000],
    ]);
    expect(resolveConvoy(catalog, "planning").phases).toEqual([["architecture", "risks", "tests"], ["plan"]]);
    expect(resolveConvoy(catalog, "triage").phases).toEqual([["locate", "impact"], ["triage"]]);
    expect(resolveConvoy(catalog, "health-monitor").agents.at(-1)).toMatchObject({
      role: "synthesis",
      output: "synthesis",
    });
  });

  it("take models from overrides first, then the convoy entry, then the agent template", async () => {
    const catalog = await load();
    const models = (o: Parameters<typeof resolveConvoy>[2]) =>
      resolveConvoy(catalog, "code-review", o).agents.map((a) => a.model);
    expect(models({ model: "haiku", models: { synthesis: "opus-4" } })).toEqual([
      "haiku",
      "haiku",
      "haiku",
      "opus-4",
    ]);
    expect(() => resolveConvoy(catalog, "code-review", { models: { secrity: "opus" } })).toThrow(
      'secrity: "code-review" has no such role (roles: correctness, security, performance, synthesis)',
    );
    expect(() => resolveConvoy(catalog, "code-reveiw")).toThrow(UnknownTemplateError);
    expect(() => resolveConvoy(catalog, "code-reveiw")).toThrow(
      'There is no convoy template named "code-reveiw". Templates: code-review, health-monitor, planning, triage.',
    );
  });
});

describe("custom templates", () => {
  it("override built-ins by name: the user's config dir, then the repository", async () => {
    const user = userFile(
      "agents/security-reviewer.md",
      agentMd("security-reviewer", "", "User's own: {{files}}"),
    );
    let catalog = await load();
    let security = resolveConvoy(catalog, "code-review").agents.find((a) => a.role === "security")!;
    expect(security).toMatchObject({ model: "haiku", tools: ["Read"], prompt: "User's own: {{files}}" });
    expect(catalog.agents.get("security-reviewer")).toMatchObject({ origin: "user", file: user });
    expect(catalog.agents.get("security-reviewer")!.replaces?.origin).toBe("built-in");

    repoFile("agents/security-reviewer.md", agentMd("security-reviewer", "", "The repo's: {{files}}"));
    catalog = await load();
    security = resolveConvoy(catalog, "code-review").agents.find((a) => a.role === "security")!;
    expect(security.prompt).toBe("The repo's: {{files}}");
    expect(catalog.agents.get("security-reviewer")!.replaces?.origin).toBe("user");
  });

  it("extend a convoy: override a role's fields, add roles, remove roles — also under the same name", async () => {
    repoFile(
      "agents/docs-reviewer.yml",
      "name: docs-reviewer\ndescription: Checks the docs\noutput: findings\nprompt: Check the docs of {{files}}.\n",
    );
    repoFile(
      "convoys/code-review.yml",
      [
        "extends: code-review",
        "timeout: 3m",
        "remove: [performance]",
        "agents:",
        "  - role: security",
        "    model: opus",
        "  - role: docs",
        "    agent: docs-reviewer",
        "  - role: synthesis",
        "    depends_on: [correctness, security, docs]",
      ].join("\n"),
    );
    repoFile(
      "convoys/docs-only.json",
      JSON.stringify({
        description: "Docs alone",
        agents: [{ role: "docs", agent: "docs-reviewer", timeout: "90s" }],
      }),
    );
    const catalog = await load();
    expect(catalog.problems).toEqual([]);
    const review = resolveConvoy(catalog, "code-review");
    expect(review.description).toBe(
      "Correctness, security and performance reviewers in parallel, then a synthesis that prioritises",
    );
    expect(review.agents.map((a) => [a.role, a.model, a.timeoutMs])).toEqual([
      ["correctness", "sonnet", 180_000],
      ["security", "opus", 180_000],
      ["synthesis", "opus", 180_000],
      ["docs", undefined, 180_000],
    ]);
    expect(review.phases).toEqual([["correctness", "security", "docs"], ["synthesis"]]);
    const docs = resolveConvoy(catalog, "docs-only");
    expect(docs).toMatchObject({ name: "docs-only", description: "Docs alone", phases: [["docs"]] });
    expect(docs.agents[0]).toMatchObject({ timeoutMs: 90_000, prompt: "Check the docs of {{files}}." });
  });

  it("name the file and the field when something is wrong", async () => {
    const typo = userFile("agents/correctness-reviewer.md", agentMd("correctness-reviewer", "modle: opus\n"));
    const variable = repoFile(
      "agents/vague.md",
      agentMd("vague", "", "Look at {{pr}} and {{files}} and {{isue}}."),
    );
    const yaml = repoFile("convoys/broken.yml", "agents: [\n");
    const missing = repoFile(
      "convoys/lost.yml",
      "description: d\nagents:\n  - role: a\n    agent: no-such-agent\n",
    );
    const cycle = repoFile(
      "convoys/loop.yml",
      "description: d\nagents:\n  - role: a\n    agent: security-reviewer\n    depends_on: [b]\n  - role: b\n    agent: security-reviewer\n    depends_on: [a]\n",
    );
    const unknownRole = repoFile(
      "convoys/orphan.yml",
      "description: d\nagents:\n  - role: a\n    agent: security-reviewer\n    depends_on: [secrity]\n",
    );
    const badTimeout = repoFile(
      "convoys/slow.yml",
      "description: d\ntimeout: forever\nagents:\n  - role: a\n    agent: security-reviewer\n",
    );
    const catalog = await load();

    // Broken files are reported; the others still load.
    expect(catalog.problems.map((p) => [p.kind, p.name, p.file]).sort()).toEqual(
      [
        ["agent", "correctness-reviewer", typo],
        ["agent", "vague", variable],
        ["convoy", "broken", yaml],
        ["convoy", "slow", badTimeout],
      ].sort(),
    );
    expect(catalog.convoys.has("planning")).toBe(true);
    const problem = (name: string) => catalog.problems.find((p) => p.name === name)!.message;
    expect(problem("correctness-reviewer")).toBe(
      `${typo} is invalid:\n(top level): Unrecognized key: "modle"`,
    );
    expect(problem("vague")).toBe(
      `${variable} is invalid:\nprompt: unknown variable {{pr}}, {{isue}}; see docs/convoy.md for the list`,
    );
    expect(problem("broken")).toMatch(new RegExp(`^${yaml} is invalid:\\n\\(top level\\): not valid YAML`));
    expect(problem("slow")).toBe(
      `${badTimeout} is invalid:\ntimeout: expected a duration such as "30m", "2h" or "45s", got "forever"`,
    );

    // A convoy that needs a broken template fails with that file's error, not with the built-in silently.
    const error = (name: string) => {
      try {
        resolveConvoy(catalog, name);
      } catch (e) {
        expect(e).toBeInstanceOf(InvalidInputError);
        return (e as Error).message;
      }
      throw new Error(`${name} resolved`);
    };
    expect(error("code-review")).toBe(`${typo} is invalid:\n(top level): Unrecognized key: "modle"`);
    expect(error("lost")).toMatch(
      new RegExp(
        `^${missing} is invalid:\\nagents.0.agent: no agent template named "no-such-agent" \\(agents: `,
      ),
    );
    expect(error("loop")).toBe(`${cycle} is invalid:\nagents: the dependencies form a cycle: a → b → a`);
    expect(error("orphan")).toBe(
      `${unknownRole} is invalid:\nagents: "a" depends on "secrity", which is not a role in this convoy (roles: a)`,
    );
  });
});
