// Retry delays spread with full jitter and capped; and a machine without any desktop notifier completes notify
// jobs with a note saying so (logged once, not once per job).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createBackoff } from "../../../runner/daemon/backoff.js";
import { createDesktopNotifier } from "../../../runner/daemon/desktop-notifier.js";
import { createLogger } from "../../../src/shared/logger.js";

describe("backoff", () => {
  it("doubles its ceiling per failure up to the cap, picks at random below it, and resets", () => {
    const top = createBackoff({ baseMs: 100, maxMs: 1_000, random: () => 0.999999 });
    expect([1, 2, 3, 4, 5, 6].map(() => top.next())).toEqual([100, 200, 400, 800, 1000, 1000]);
    const bottom = createBackoff({ baseMs: 100, maxMs: 1_000, random: () => 0 });
    expect(bottom.next()).toBe(25);
    top.reset();
    expect(top.failures).toBe(0);
    expect(top.next()).toBe(100);
  });
});

describe("desktop notifications without a notifier", () => {
  it("completes with a clear note and warns once", async () => {
    const empty = mkdtempSync(join(tmpdir(), "drover-no-notifier-"));
    const lines: string[] = [];
    const log = createLogger("warn", { write: (line: string) => lines.push(line) });
    try {
      const notifier = createDesktopNotifier(log, { PATH: empty });
      const job = { kind: "notify" as const, title: "t", body: "b", priority: "info" as const };
      const note = await notifier.show(job);
      await notifier.show(job);
      if (process.platform === "darwin") expect(note).toMatch(/not shown|osascript|terminal-notifier/);
      else
        expect(note).toBe(
          "not shown: this machine has no desktop notifier (install notify-send, or terminal-notifier on macOS)",
        );
      expect(lines.filter((l) => l.includes("no desktop notifier found"))).toHaveLength(1);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
