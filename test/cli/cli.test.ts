// The `drover` command itself: help everywhere, versions, and exit codes that mean something.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runDrover } from "../support/drover-cli.js";

describe("drover", () => {
  it("prints help and exits 0", async () => {
    const result = await runDrover(["--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Usage: drover");
    expect(result.stdout).toContain("serve");
    expect(result.stdout).toContain("config");
  });

  it("has --help on every command", async () => {
    for (const args of [["serve"], ["config"], ["config", "validate"]]) {
      const result = await runDrover([...args, "--help"]);
      expect(result.code, args.join(" ")).toBe(0);
      expect(result.stdout).toContain(`Usage: drover ${args.join(" ")}`);
    }
  });

  it("exits 2 on an unknown command", async () => {
    const result = await runDrover(["frobnicate"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown command");
  });

  it("validates a config file: 0 when valid, 1 with the problems when not, 2 when missing", async () => {
    const dir = mkdtempSync(join(tmpdir(), "drover-config-"));
    writeFileSync(join(dir, "good.yml"), "autoMerge: true\n");
    writeFileSync(join(dir, "bad.yml"), "reactions:\n  ci-failed:\n    retries: -1\n");
    const good = await runDrover(["config", "validate", join(dir, "good.yml"), "--json"]);
    expect(good.code).toBe(0);
    expect(JSON.parse(good.stdout)).toMatchObject({
      autoMerge: true,
      reactions: { "ci-failed": { retries: 2 } },
    });
    const bad = await runDrover(["config", "validate", join(dir, "bad.yml")]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("reactions.ci-failed.retries: Too small: expected number to be >=0");
    const missing = await runDrover(["config", "validate", join(dir, "nope.yml")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("ENOENT");
  });
});
