// action/dist is checked in (GitHub runs it as is), so it must match its sources: the build records a hash of
// every file it was built from, and this recomputes it (an esbuild resolve pass, under a second) — no rebuild.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { actionDist, distInputsHash, fileHash, recordFile } from "../../action/src/build/dist-inputs-hash.js";

const recordSchema = z.object({ inputsHash: z.string(), inputFiles: z.number(), indexHash: z.string() });

describe("action/dist", () => {
  it("was built from the current sources", async () => {
    const record = recordSchema.parse(JSON.parse(readFileSync(recordFile, "utf8")));
    const current = await distInputsHash();
    expect(
      current.hash,
      "action/dist is stale: rebuild it with `node_modules/.bin/tsx action/src/build/build-dist.ts` and commit it",
    ).toBe(record.inputsHash);
    expect(
      fileHash(join(actionDist, "index.js")),
      "action/dist/index.js was edited by hand: rebuild it",
    ).toBe(record.indexHash);
  });

  it("ships the built-in templates beside the bundle", () => {
    const review = readFileSync(join(actionDist, "templates", "convoys", "code-review.yml"), "utf8");
    expect(review).toBe(
      readFileSync(
        join(actionDist, "..", "..", "src", "convoy", "templates", "convoys", "code-review.yml"),
        "utf8",
      ),
    );
    expect(JSON.parse(readFileSync(join(actionDist, "package.json"), "utf8"))).toEqual({ type: "module" });
  });
});
