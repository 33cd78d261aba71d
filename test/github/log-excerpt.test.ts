// The failing part of a GitHub Actions job log.
import { describe, expect, it } from "vitest";
import { logExcerpt } from "../../src/github/ci/log-excerpt.js";

const line = (text: string) => `2026-11-22T09:00:00.1234567Z ${text}`;

describe("logExcerpt", () => {
  it("keeps the failing step up to its errors, without timestamps and group markers", () => {
    const log = [
      line("##[group]Run npm ci"),
      line("added 300 packages"),
      line("##[endgroup]"),
      line("##[group]Run npm test"),
      line("npm test"),
      line("##[endgroup]"),
      line("✗ login redirects"),
      line("##[error]Process completed with exit code 1."),
      line("Post job cleanup."),
    ].join("\n");
    expect(logExcerpt(log)).toBe(
      ["Run npm test", "npm test", "✗ login redirects", "Error: Process completed with exit code 1."].join(
        "\n",
      ),
    );
  });

  it("keeps the last lines when no error is marked, and at most the limits", () => {
    const log = Array.from({ length: 200 }, (_, i) => line(`line ${i}`)).join("\n");
    const excerpt = logExcerpt(log, 10);
    expect(excerpt.split("\n")).toEqual(Array.from({ length: 10 }, (_, i) => `line ${190 + i}`));
    expect(logExcerpt("x".repeat(9000), 60, 100)).toHaveLength(101);
  });
});
