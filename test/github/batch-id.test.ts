// Which batch a session started from GitHub joins.
import { describe, expect, it } from "vitest";
import { chooseBatchId } from "../../src/github/spawn/batch-id.js";

describe("batch ids", () => {
  it("joins the requester's batch started within the window, else starts one", () => {
    const start = Date.UTC(2026, 10, 22, 9);
    const first = chooseBatchId([], "acme/web", "Maria", start);
    expect(first).toBe(`gh:acme/web:maria:${start}`);
    expect(chooseBatchId([{ batchId: first }], "acme/web", "maria", start + 9 * 60_000)).toBe(first);
    expect(chooseBatchId([{ batchId: first }], "acme/web", "omar", start + 60_000)).not.toBe(first);
    expect(chooseBatchId([{ batchId: first }], "acme/web", "maria", start + 11 * 60_000)).not.toBe(first);
  });
});
