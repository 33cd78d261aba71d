// Drains of one session's outbox that run at the same time (one per webhook, in several instances of the app)
// carry each effect out once, and an effect a drain took but never finished is carried out by the sweep once
// the claim has expired.
import { afterEach, describe, expect, it } from "vitest";
import type { NewSession } from "../../src/core/session.js";
import { createSession } from "../../src/sessions/create-session.js";
import { drainOutbox } from "../../src/sessions/drain-outbox.js";
import { recordEvent } from "../../src/sessions/record-event.js";
import { sweep } from "../../src/sessions/sweep.js";
import { createTestApp, type TestApp } from "../support/test-app.js";

let t: TestApp;
afterEach(async () => t?.close());

const input: NewSession = {
  id: "web-42",
  repo: "acme/web",
  issue: {
    tracker: "github",
    key: "42",
    number: 42,
    title: "Fix login",
    url: "https://github.com/acme/web/issues/42",
  },
  agent: "claude-code",
  branch: "drover/42-fix-login",
  runnerAvailable: true,
};

describe("outbox claims", () => {
  it("carries an effect out once when drains in several instances of the app run at once", async () => {
    t = createTestApp({ name: "claims-race" });
    const other = createTestApp({ name: "claims-race", store: t.store });
    await createSession(t.app, input, { wait: true });
    t.recorded.github.length = 0;
    // The agent has not started: the core answers a message with a comment on the issue.
    await recordEvent(t.app, "web-42", { type: "human.send", by: "maria", message: "hi", id: "e1" });
    await Promise.all(
      Array.from({ length: 6 }, (_, i) => drainOutbox(i % 2 === 0 ? t.app : other.app, "web-42")),
    );
    const comments = [...t.recorded.github, ...other.recorded.github].filter((g) => g.call === "comment");
    expect(comments).toHaveLength(1);
    expect((await t.store.getSession("web-42"))?.outbox).toEqual([]);
    await other.app.settle();
  });

  it("drains once more for effects recorded while a drain of the same session was running", async () => {
    t = createTestApp({ name: "claims-again" });
    await createSession(t.app, input, { wait: true });
    t.recorded.github.length = 0;
    await recordEvent(t.app, "web-42", { type: "human.send", by: "maria", message: "one", id: "e1" });
    const first = drainOutbox(t.app, "web-42");
    await recordEvent(t.app, "web-42", { type: "human.send", by: "maria", message: "two", id: "e2" });
    const second = drainOutbox(t.app, "web-42");
    await Promise.all([first, second]);
    expect(t.recorded.github.filter((g) => g.call === "comment")).toHaveLength(2);
    expect((await t.store.getSession("web-42"))?.outbox).toEqual([]);
  });

  it("leaves a claimed effect to the sweep once the claim has expired", async () => {
    t = createTestApp({ name: "claims-expired" });
    await createSession(t.app, input, { wait: true });
    await recordEvent(t.app, "web-42", { type: "human.send", by: "maria", message: "hi", id: "e1" });
    // A drain that claims the effect and dies before finishing it: its claim is all that is left.
    await t.store.updateSession("web-42", (current) => ({
      session: {
        ...current,
        outbox: (current.outbox ?? []).map((p) => ({ ...p, notBefore: t.clock.now + 5 * 60_000 })),
      },
      result: undefined,
    }));
    t.recorded.github.length = 0;
    await sweep(t.app);
    expect(t.recorded.github).toEqual([]);
    t.clock.now += 5 * 60_000;
    await sweep(t.app);
    expect(t.recorded.github.map((g) => g.call)).toEqual(["comment"]);
  });
});
