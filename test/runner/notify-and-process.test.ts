// Two more kinds of work on a real runner: desktop notifications shown through the OS (a stand-in notify-send
// records what it was asked, and "clicks" Open), and a headless agent in the process runtime that takes its
// messages on stdin and ends with an exit code the app hears.
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleSessionEvent } from "../../src/sessions/handle-event.js";
import { runnerQueue } from "../../src/sessions/job-queues.js";
import {
  type RunnerProcess,
  type Stack,
  standInConfig,
  startStack,
  waitFor,
} from "./support/runner-stack.js";

let stack: Stack;
let runner: RunnerProcess;
let calls: string;

beforeAll(async () => {
  // The agent runs without a terminal here: the process runtime.
  stack = await startStack("notify", { repoConfig: standInConfig("runtime: process\n") });
  const bin = join(stack.root, "fake-bin");
  mkdirSync(bin);
  calls = join(stack.root, "calls.txt");
  // notify-send prints the action's name when it is clicked; this one is clicked at once.
  writeFileSync(
    join(bin, "notify-send"),
    `#!/bin/sh\nprintf 'notify-send' >> '${calls}'\nfor a in "$@"; do printf ' [%s]' "$a" >> '${calls}'; done\necho >> '${calls}'\ncase "$*" in *--action*) echo open;; esac\n`,
  );
  writeFileSync(join(bin, "xdg-open"), `#!/bin/sh\necho "xdg-open $1" >> '${calls}'\n`);
  chmodSync(join(bin, "notify-send"), 0o755);
  chmodSync(join(bin, "xdg-open"), 0o755);
  runner = await stack.addRunner("desk", { PATH: `${bin}:${process.env.PATH}` });
});
afterAll(async () => stack?.close());

async function notifyJob(id: string, url?: string) {
  await stack.store.enqueueJob(
    {
      id,
      queue: runnerQueue(runner.runnerId),
      payload: {
        kind: "notify",
        title: "Agent needs input: Add a greeting",
        body: "Blue or green?",
        priority: "urgent",
        ...(url ? { url } : {}),
      },
    },
    Date.now(),
  );
  return waitFor(async () => {
    const job = await stack.store.getJob(id);
    return job?.state === "completed" ? job : undefined;
  }, `the notify job ${id} to complete`);
}

describe("desktop notifications", () => {
  it("shows the notification with notify-send, and a click on Open opens the link", async () => {
    await notifyJob("notify-1", "https://github.com/acme/demo/issues/7");
    const lines = await waitFor(() => {
      const text = existsSync(calls) ? readFileSync(calls, "utf8") : "";
      return text.includes("xdg-open") ? text.trim().split("\n") : undefined;
    }, "the click to open the link");
    expect(lines).toEqual([
      "notify-send [--app-name=Drover] [--urgency=critical] [--action=open=Open] [Agent needs input: Add a greeting] [Blue or green?]",
      "xdg-open https://github.com/acme/demo/issues/7",
    ]);
    await notifyJob("notify-2");
    expect(readFileSync(calls, "utf8").trim().split("\n").at(-1)).toBe(
      "notify-send [--app-name=Drover] [--urgency=critical] [Agent needs input: Add a greeting] [Blue or green?]",
    );
  });
});

describe("the process runtime", () => {
  it("runs a headless agent, hands it messages on stdin, and reports its exit code", async () => {
    const sessionId = await stack.spawnSession("Run headless");
    await stack.waitForState(sessionId, "needs_input", "the stand-in's question");
    const listed = await runner.drover(["runner", "sessions", "--json"]);
    expect(JSON.parse(listed.stdout)).toMatchObject([{ sessionId, runtime: "process", status: "running" }]);
    await handleSessionEvent(
      stack.app,
      sessionId,
      { type: "human.send", by: "maria", message: 'Blue "sky" $(x)', id: "s1" },
      { wait: true },
    );
    await waitFor(() => existsSync(join(stack.standInOut, "message-1.txt")), "the message on stdin");
    expect(readFileSync(join(stack.standInOut, "message-1.txt"), "utf8")).toBe('Blue "sky" $(x)');
    await waitFor(
      async () =>
        (await stack.summaries(sessionId)).includes("send job done: delivered on the agent's stdin"),
      "the send job's note",
    );
    await handleSessionEvent(
      stack.app,
      sessionId,
      { type: "human.send", by: "maria", message: "exit 5", id: "s2" },
      { wait: true },
    );
    const session = await waitFor(async () => {
      const s = await stack.session(sessionId);
      return s.state === "errored" ? s : undefined;
    }, "the exit to reach the app");
    expect(session).toMatchObject({ reason: "the agent exited with code 5", agentFacts: { exitCode: 5 } });
    const screen = await runner.drover(["runner", "attach", sessionId, "--print"]);
    expect(screen.stdout).toContain("got message 1 (15 chars)");
    expect(screen.stdout).toContain("bye");
  });
});
