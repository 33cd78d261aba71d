// The embedded store: the contract in memory and on a file, and what the file adds — everything survives a
// restart, writes are atomic and coalesced, and a file Drover cannot understand is reported and left alone.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createEmbeddedStore } from "../../src/store/create-embedded-store.js";
import { EmbeddedStoreFileError } from "../../src/store/store-errors.js";
import { storeContract } from "./contract.js";
import { costReport, eventually, makeJob, makeRunner, makeSession, t0, uniqueId } from "./fixtures.js";

const dir = mkdtempSync(join(tmpdir(), "drover-embedded-store-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const freshFile = () => join(dir, uniqueId("store"), "store.json");

storeContract("embedded, in memory", () => createEmbeddedStore());
storeContract("embedded, on a file", () => createEmbeddedStore({ file: freshFile() }));

describe("embedded store file", () => {
  it("keeps everything across a close and reopen", async () => {
    const file = freshFile();
    const store = createEmbeddedStore({ file });
    const session = makeSession({ id: uniqueId("s"), batchId: "b-1" });
    await store.createSession(session);
    await store.updateSession(session.id, (current) => ({
      session: { ...current, state: "working" },
      result: 0,
    }));
    await store.appendLog(session.id, [{ at: t0, kind: "event", summary: "spawned", data: { pid: 7 } }]);
    await store.enqueueJob(makeJob("j1", "q", session.id), t0);
    await store.enqueueJob(makeJob("j2", "q", session.id), t0);
    await store.enqueueJob(makeJob("j3", "q", session.id), t0);
    await store.leaseJobs("r1", ["q"], 1, 60_000, t0);
    await store.markDelivery("delivery-1", 60_000);
    await store.scheduleTimer(session.id, "stuck", t0 + 5_000);
    const lock = await store.acquireLock("sweep", 60_000);
    await store.recordCost(costReport({ sessionId: session.id, inputTokens: 100, usd: 0.25 }));
    await store.saveRunner(makeRunner("r1"));
    await store.close();

    const reopened = createEmbeddedStore({ file });
    expect(await reopened.getSession(session.id)).toEqual({ ...session, state: "working" });
    expect((await reopened.listSessions({ batchId: "b-1" })).map((s) => s.id)).toEqual([session.id]);
    expect(await reopened.readLog(session.id)).toEqual([
      { at: t0, kind: "event", summary: "spawned", data: { pid: 7 } },
    ]);
    expect((await reopened.getJob("j1"))?.state).toBe("leased");
    expect(await reopened.finishJob("r1", "j1", { ok: true }, t0 + 1)).toBe(true);
    // Queue order survives too.
    expect((await reopened.leaseJobs("r2", ["q"], 2, 60_000, t0 + 2)).map((job) => job.id)).toEqual([
      "j2",
      "j3",
    ]);
    expect(await reopened.markDelivery("delivery-1", 60_000)).toBe(false);
    expect(await reopened.takeDueTimers(t0 + 10_000, 10)).toEqual([
      { sessionId: session.id, key: "stuck", at: t0 + 5_000 },
    ]);
    expect(await reopened.acquireLock("sweep", 60_000)).toBeUndefined();
    await reopened.releaseLock("sweep", lock!);
    expect(await reopened.acquireLock("sweep", 60_000)).toEqual(expect.any(String));
    // The last seen report survived: repeating it adds nothing.
    await reopened.recordCost(costReport({ sessionId: session.id, inputTokens: 100, usd: 0.25 }));
    expect(await reopened.readCost({ kind: "session", sessionId: session.id })).toEqual({
      "claude-sonnet-4-5": {
        inputTokens: 100,
        outputTokens: 0,
        cacheCreationTokens: 0,
        cacheReadTokens: 0,
        usd: 0.25,
      },
    });
    expect(await reopened.listRunners()).toEqual([makeRunner("r1")]);
    await reopened.close();
  });

  it("writes changes on its own shortly after they happen, readable only by the owner", async () => {
    const file = freshFile();
    const store = createEmbeddedStore({ file });
    for (let i = 0; i < 20; i++) await store.createSession(makeSession({ id: `s-${i}` }));
    await eventually(async () => {
      try {
        return (JSON.parse(readFileSync(file, "utf8")) as { sessions: unknown[] }).sessions.length === 20;
      } catch {
        return false;
      }
    }, "the file holding all 20 sessions");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    await store.close();
  });

  it("starts empty when the file does not exist yet", async () => {
    const store = createEmbeddedStore({ file: freshFile() });
    expect(await store.listSessions()).toEqual([]);
    await store.close();
  });

  it("refuses a file that is not JSON, says what to do, and leaves it untouched", () => {
    const file = join(dir, uniqueId("broken"));
    writeFileSync(file, '{"format": "drover-embedded-store", "sessions": [');
    let failure: unknown;
    try {
      createEmbeddedStore({ file });
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(EmbeddedStoreFileError);
    const message = (failure as Error).message;
    expect(message).toContain(file);
    expect(message).toMatch(/not valid JSON/);
    expect(message).toMatch(/has not changed it/);
    expect(message).toContain(`mv "${file}" "${file}.broken"`);
    expect(readFileSync(file, "utf8")).toBe('{"format": "drover-embedded-store", "sessions": [');
  });

  it("refuses a file whose content is not a store, naming the bad field", () => {
    const file = freshFile();
    const store = createEmbeddedStore({ file });
    return (async () => {
      await store.createSession(makeSession({ id: "s-1" }));
      await store.close();
      const content = JSON.parse(readFileSync(file, "utf8")) as { sessions: { state: string }[] };
      content.sessions[0]!.state = "sleeping";
      const text = JSON.stringify(content);
      writeFileSync(file, text);
      expect(() => createEmbeddedStore({ file })).toThrow(EmbeddedStoreFileError);
      expect(() => createEmbeddedStore({ file })).toThrow(/sessions\[0\]\.state/);
      expect(readFileSync(file, "utf8")).toBe(text);
    })();
  });

  it("reports a file it cannot write from ping and close, and keeps the changes in memory", async () => {
    const folder = join(dir, uniqueId("not-a-folder"));
    const store = createEmbeddedStore({ file: join(folder, "store.json") });
    // After the start, a file takes the folder's place, so the store's folder can never be created.
    writeFileSync(folder, "a file where a folder should be");
    await store.createSession(makeSession({ id: "s-1" }));
    await eventually(
      () =>
        store.ping().then(
          () => false,
          (error: unknown) =>
            error instanceof EmbeddedStoreFileError &&
            /Cannot write the embedded store file/.test(error.message),
        ),
      "ping reporting the failed write",
    );
    expect((await store.getSession("s-1"))?.id).toBe("s-1");
    await expect(store.close()).rejects.toThrow(EmbeddedStoreFileError);
  });

  it("refuses calls after close", async () => {
    const store = createEmbeddedStore();
    await store.close();
    await expect(store.getSession("s-1")).rejects.toThrow(/closed/);
  });
});
