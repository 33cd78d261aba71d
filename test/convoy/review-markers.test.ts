// How a re-review recognises what Drover posted before: the fingerprint in its hidden marker, or the same file
// and a similar title when a reviewer worded the same finding differently this time.
import { describe, expect, it } from "vitest";
import { findingFingerprint } from "../../src/convoy/finding-fingerprint.js";
import { alreadyPosted, findingMarker, postedFinding } from "../../src/convoy/review-markers.js";

describe("review markers", () => {
  it("read back the finding a comment carries, and match it to a new run's findings", () => {
    const fp = findingFingerprint({ file: "src/app.ts", title: "SQL injection by string concatenation" });
    const comment = {
      path: "src/app.ts",
      body: `**[critical] SQL injection by string concatenation** · security\n\nDetail.\n${findingMarker(fp)}`,
    };
    const posted = postedFinding(comment)!;
    expect(posted).toEqual({
      fingerprint: fp,
      path: "src/app.ts",
      title: "SQL injection by string concatenation",
    });
    expect(postedFinding({ path: "src/app.ts", body: "A human's comment" })).toBeUndefined();

    // Lines moved with a push: the fingerprint does not depend on them.
    const same = { fingerprint: fp, file: "src/app.ts", title: "SQL injection by string concatenation" };
    expect(alreadyPosted(same, [posted])).toBe(true);
    const reworded = {
      fingerprint: "0000",
      file: "src/app.ts",
      title: "String concatenation enables SQL injection",
    };
    expect(alreadyPosted(reworded, [posted])).toBe(true);
    const elsewhere = { ...reworded, file: "src/db.ts" };
    expect(alreadyPosted(elsewhere, [posted])).toBe(false);
    expect(findingFingerprint({ file: "src/app.ts", title: "SQL Injection by string-concatenation!" })).toBe(
      fp,
    );
  });
});
