// docs/lifecycle.md must match what the code does; regenerate it with `npm run docs:lifecycle`.
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { renderLifecycleDoc } from "./lifecycle-doc.js";

it("docs/lifecycle.md is generated from the current transition function", () => {
  expect(
    readFileSync("docs/lifecycle.md", "utf8"),
    "run `npm run docs:lifecycle` and commit the result",
  ).toBe(renderLifecycleDoc());
});
