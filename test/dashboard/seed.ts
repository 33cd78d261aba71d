// Realistic dashboard data for the tests: sessions created and moved through the real session service
// (createSession, handleSessionEvent → core transition, logs, jobs, timers) on a test app's movable clock.
import type { SessionEventBody } from "../../src/core/events.js";
import type { Session } from "../../src/core/session.js";
import { branchFor } from "../../src/core/start-session.js";
import { createSession } from "../../src/sessions/create-session.js";
import { handleSessionEvent } from "../../src/sessions/handle-event.js";
import type { TestApp } from "../support/test-app.js";

export const minute = 60_000;

export interface SessionScript {
  id: string;
  repo: string;
  number: number;
  title: string;
  agent?: string;
  /** When the session starts (ms). */
  start: number;
  /** Events at absolute times, in order. */
  steps: [number, SessionEventBody][];
}

/** Plays a session's life on `t`'s clock and returns it as stored. */
export async function playSession(t: TestApp, script: SessionScript): Promise<Session> {
  t.clock.now = script.start;
  const created = await createSession(
    t.app,
    {
      id: script.id,
      repo: script.repo,
      issue: {
        tracker: "github",
        key: String(script.number),
        number: script.number,
        title: script.title,
        url: `https://github.com/${script.repo}/issues/${script.number}`,
        author: "maria",
      },
      agent: script.agent ?? "claude-code",
      branch: branchFor(String(script.number), script.title),
      runnerAvailable: true,
    },
    { wait: true },
  );
  if (!created) throw new Error(`session ${script.id} exists already`);
  let n = 0;
  for (const [at, body] of script.steps) {
    t.clock.now = at;
    n += 1;
    await handleSessionEvent(t.app, script.id, { ...body, id: `${script.id}-e${n}` } as never, {
      wait: true,
    });
  }
  const stored = await t.store.getSession(script.id);
  if (!stored) throw new Error(`session ${script.id} vanished`);
  return stored;
}

const sha = (c: string) => c.repeat(40);

/** The runner picks the session up and the agent starts working. */
export function spawned(at: number, runnerId = "laptop"): [number, SessionEventBody][] {
  return [
    [at, { type: "spawn.leased", runnerId }],
    [at + 1000, { type: "agent.spawned", runnerId, agentSessionId: `claude-${at}` }],
  ];
}

export function prOpened(
  at: number,
  repo: string,
  number: number,
  head = sha("a"),
): [number, SessionEventBody][] {
  return [
    [
      at,
      {
        type: "pr.opened",
        number,
        url: `https://github.com/${repo}/pull/${number}`,
        headSha: head,
        baseRef: "main",
      },
    ],
  ];
}

export function ciResult(
  at: number,
  head: string,
  status: "success" | "failure" | "pending",
): [number, SessionEventBody] {
  return [
    at,
    {
      type: "ci.result",
      sha: head,
      checks: [{ name: "test", status, excerpt: status === "failure" ? "1 failing" : undefined }],
    },
  ];
}

export { sha };
