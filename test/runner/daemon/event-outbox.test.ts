// The runner's event buffer on disk: sequence numbers continue across restarts, nothing acknowledged comes back,
// a torn last line (a crash mid-write) is skipped, and refused events can be dropped.
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openEventOutbox } from "../../../runner/daemon/event-outbox.js";
import { createLogger } from "../../../src/shared/logger.js";

const log = createLogger("silent");
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "drover-outbox-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const idle = (sessionId: string) => ({ type: "agent.idle" as const, sessionId });

describe("the event outbox", () => {
  it("keeps events across a restart and continues the sequence", () => {
    const first = openEventOutbox(dir, log, () => 1000);
    expect(first.append(idle("a"))).toEqual({ type: "agent.idle", sessionId: "a", seq: 1, at: 1000 });
    first.append(idle("b"));
    first.ack(1);
    const again = openEventOutbox(dir, log);
    expect(again.stream).toBe(first.stream);
    expect(again.pending().map((e) => e.seq)).toEqual([2]);
    expect(again.append(idle("c")).seq).toBe(3);
  });

  it("empties its file once everything is acknowledged, and never reuses a sequence number", () => {
    const outbox = openEventOutbox(dir, log);
    for (let i = 0; i < 3; i++) outbox.append(idle(`s${i}`));
    outbox.ack(3);
    expect(readFileSync(join(dir, "outbox.jsonl"), "utf8")).toBe("");
    expect(openEventOutbox(dir, log).append(idle("next")).seq).toBe(4);
  });

  it("skips a line torn by a crash and drops refused events", () => {
    const outbox = openEventOutbox(dir, log);
    outbox.append(idle("a"));
    outbox.append(idle("b"));
    outbox.append(idle("c"));
    appendFileSync(join(dir, "outbox.jsonl"), '{"seq":4,"at":1,"type":"agent.id');
    const reopened = openEventOutbox(dir, log);
    expect(reopened.pending().map((e) => e.seq)).toEqual([1, 2, 3]);
    reopened.drop([2]);
    expect(
      openEventOutbox(dir, log)
        .pending()
        .map((e) => e.seq),
    ).toEqual([1, 3]);
  });

  it("tells its sender when something was appended", () => {
    const outbox = openEventOutbox(dir, log);
    let woken = 0;
    outbox.onAppend(() => woken++);
    outbox.append(idle("a"));
    expect(woken).toBe(1);
  });
});
