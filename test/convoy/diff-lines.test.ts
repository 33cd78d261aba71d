// Which lines a review comment can sit on: the new side of the diff's hunks, never across two hunks.
import { describe, expect, it } from "vitest";
import { commentableLines, placeComment } from "../../src/convoy/diff-lines.js";

const patch = [
  "@@ -1,4 +1,5 @@",
  " import a;",
  "-old();",
  "+one();",
  "+two();",
  " keep();",
  "@@ -20,2 +21,3 @@ function f() {",
  " x();",
  "+y();",
  " z();",
  "\\ No newline at end of file",
].join("\n");

describe("commentableLines", () => {
  it("maps new-side lines of added and context lines to their hunk", () => {
    expect([...commentableLines(patch)]).toEqual([
      [1, 0],
      [2, 0],
      [3, 0],
      [4, 0],
      [21, 1],
      [22, 1],
      [23, 1],
    ]);
    expect(commentableLines(undefined).size).toBe(0);
  });

  it("places a comment on the lines of a range that are in the diff, within one hunk", () => {
    const lines = commentableLines(patch);
    expect(placeComment(lines, { start: 2, end: 3 })).toEqual({ start_line: 2, line: 3 });
    expect(placeComment(lines, { start: 3, end: 3 })).toEqual({ line: 3 });
    expect(placeComment(lines, { start: 3, end: 22 })).toEqual({ start_line: 3, line: 4 });
    expect(placeComment(lines, { start: 10, end: 21 })).toEqual({ line: 21 });
    expect(placeComment(lines, { start: 6, end: 19 })).toBeUndefined();
  });
});
