// Which issues a PR body says it closes, as GitHub reads closing keywords.
import { describe, expect, it } from "vitest";
import { closingIssueNumbers } from "../../src/github/pull-requests/closing-issues.js";

describe("closing keywords", () => {
  it("finds every keyword form, once each, case-insensitively", () => {
    const body = [
      "Closes #42",
      "fixes: #43",
      "RESOLVED #44 and resolve #42",
      "close acme/web#45, Fix https://github.com/acme/web/issues/46",
    ].join("\n");
    expect(closingIssueNumbers(body, "acme/web")).toEqual([42, 43, 44, 45, 46]);
  });

  it("ignores other repos, mentions without a keyword, and words that only contain one", () => {
    const body = "Closes other/repo#1. See #2. Disclosed #3. https://github.com/other/repo/issues/4 fixed";
    expect(closingIssueNumbers(body, "acme/web")).toEqual([]);
    expect(closingIssueNumbers(null, "acme/web")).toEqual([]);
  });
});
