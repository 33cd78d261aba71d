// Properties of the lifecycle over random event sequences: valid states only, retries within config, ended
// sessions stay ended, and a replayed event changes nothing.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultRepoConfig, parseRepoConfig } from "../../src/config/repo-config.js";
import { deriveState } from "../../src/core/derive-state.js";
import type { SessionEvent, SessionEventBody } from "../../src/core/events.js";
import { isEnded, type Session, sessionStates, timerKeys } from "../../src/core/session.js";
import { transition } from "../../src/core/transition.js";
import { context, minute, newSession, t0 } from "./samples.js";

const shas = ["a1", "b2", "c3", "d4"].map((s) => s.repeat(20));
const sha = fc.constantFrom(...shas);
const who = fc.constantFrom("maria", "omar", "lena");
const checkStatus = fc.constantFrom("pending", "success", "failure", "neutral") as fc.Arbitrary<
  "pending" | "success" | "failure" | "neutral"
>;

const eventBody: fc.Arbitrary<SessionEventBody> = fc.oneof(
  fc.constant<SessionEventBody>({ type: "spawn.leased", runnerId: "laptop" }),
  fc.constant<SessionEventBody>({ type: "agent.spawned", runnerId: "laptop" }),
  fc.constant<SessionEventBody>({ type: "agent.activity" }),
  fc.constant<SessionEventBody>({ type: "agent.idle" }),
  fc.constant<SessionEventBody>({ type: "agent.needs_input", message: "Which one?" }),
  fc.constantFrom(0, 1, null).map((code): SessionEventBody => ({ type: "agent.exited", code })),
  fc.constant<SessionEventBody>({ type: "agent.spawn_failed", runnerId: "laptop", error: "no checkout" }),
  fc
    .constantFrom("working", "needs-input", "done")
    .map((status): SessionEventBody => ({ type: "agent.self_report", status: status as "working" })),
  fc
    .double({ min: 0, max: 100, noNaN: true })
    .map((usd): SessionEventBody => ({ type: "agent.cost", usd, tokens: Math.round(usd * 1000) })),
  fc.constant<SessionEventBody>({ type: "cleanup.done" }),
  fc.record({ number: fc.constantFrom(7, 8), headSha: sha }).map(
    (p): SessionEventBody => ({
      type: "pr.opened",
      url: "https://github.com/acme/web/pull/7",
      baseRef: "main",
      ...p,
    }),
  ),
  sha.map((headSha): SessionEventBody => ({ type: "pr.synchronized", headSha })),
  fc.boolean().map((merged): SessionEventBody => ({ type: "pr.closed", merged })),
  fc.constant<SessionEventBody>({ type: "pr.reopened" }),
  fc
    .record({ sha, mergeable: fc.constantFrom(true, false, null) })
    .map((m): SessionEventBody => ({ type: "pr.mergeable", ...m })),
  fc
    .record({
      sha,
      checks: fc.array(fc.record({ name: fc.constantFrom("test", "lint"), status: checkStatus }), {
        minLength: 1,
        maxLength: 2,
      }),
    })
    .map((c): SessionEventBody => ({ type: "ci.result", ...c })),
  fc
    .record({
      reviewer: who,
      verdict: fc.constantFrom("approved", "changes_requested", "commented", "dismissed"),
      sha,
      minutes: fc.nat(60),
    })
    .map(
      (r): SessionEventBody => ({
        type: "review.submitted",
        reviewer: r.reviewer,
        verdict: r.verdict as "approved",
        sha: r.sha,
        submittedAt: t0 + r.minutes * minute,
        comments: [
          {
            id: `rc-${r.minutes}`,
            author: r.reviewer,
            isBot: false,
            body: "Please rename",
            path: "a.ts",
            line: 3,
          },
        ],
      }),
    ),
  fc.nat(20).map(
    (n): SessionEventBody => ({
      type: "comments.added",
      comments: [{ id: `bc-${n}`, author: "lint[bot]", isBot: true, body: "unused" }],
    }),
  ),
  fc.constantFrom(...timerKeys).map((key): SessionEventBody => ({ type: "timer.due", key })),
  who.map((by): SessionEventBody => ({ type: "human.kill", by })),
  who.map((by): SessionEventBody => ({ type: "human.send", by, message: "try again" })),
  who.map((by): SessionEventBody => ({ type: "human.merge", by })),
  fc
    .record({ by: who, workspace: fc.boolean() })
    .map((w): SessionEventBody => ({ type: "human.wipe", ...w })),
  who.map((by): SessionEventBody => ({ type: "human.retry", by })),
  who.map((by): SessionEventBody => ({ type: "human.respawn", by })),
  fc
    .record({ by: who, enabled: fc.boolean() })
    .map((a): SessionEventBody => ({ type: "human.automerge", ...a })),
);

/** Mostly new events, sometimes a replay of an earlier one, at increasing times. */
const history = fc.array(
  fc.record({ body: eventBody, replay: fc.nat(4), gap: fc.integer({ min: 1, max: 40 }) }),
  { maxLength: 60 },
);

interface Step {
  before: Session;
  event: SessionEvent;
  after: Session;
  effects: ReturnType<typeof transition>["effects"];
  replayed: boolean;
}

function run(
  steps: { body: SessionEventBody; replay: number; gap: number }[],
  config = defaultRepoConfig,
): Step[] {
  let session = newSession(t0, config);
  let now = t0;
  const seen: SessionEvent[] = [];
  return steps.map((step, index) => {
    now += step.gap * minute;
    const replayed = step.replay === 0 && seen.length > 0;
    const event = replayed ? seen[index % seen.length]! : ({ ...step.body, id: `e${index}` } as SessionEvent);
    if (!replayed) seen.push(event);
    const before = session;
    const result = transition(session, event, context(now, config));
    session = result.session;
    return {
      before,
      event,
      after: session,
      effects: result.effects,
      replayed: replayed && before.seenEvents.includes(event.id),
    };
  });
}

describe("lifecycle properties", () => {
  it("only ever reaches valid states, consistent with the facts", () => {
    fc.assert(
      fc.property(history, (steps) => {
        for (const { after } of run(steps)) {
          expect(sessionStates).toContain(after.state);
          if (!isEnded(after.state)) expect(deriveState(after)).toBe(after.state);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("never sends more CI fix prompts in a row than the configured retries, and at most one per head", () => {
    const config = parseRepoConfig({ reactions: { "ci-failed": { retries: 1 } } });
    fc.assert(
      fc.property(history, (steps) => {
        const fixedShas: string[] = [];
        for (const { before, after, effects } of run(steps, config)) {
          expect(after.memory.ciFixesSent).toBeLessThanOrEqual(1);
          const fixes = effects.filter((e) => e.type === "send_to_agent" && e.reason === "ci-failed");
          expect(fixes.length).toBeLessThanOrEqual(1);
          if (fixes.length === 1) {
            expect(fixedShas).not.toContain(`${after.pr?.headSha}:${before.memory.ciFixesSent}`);
            fixedShas.push(`${after.pr?.headSha}:${before.memory.ciFixesSent}`);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it("never reopens a killed, merged, done or closed session", () => {
    fc.assert(
      fc.property(history, (steps) => {
        for (const { before, after } of run(steps)) {
          if (!isEnded(before.state)) continue;
          expect(isEnded(after.state)).toBe(true);
          if (before.state !== "merged") expect(after.state).toBe(before.state);
          else expect(["merged", "done"]).toContain(after.state);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("treats a replayed event as a no-op", () => {
    fc.assert(
      fc.property(history, (steps) => {
        for (const { before, after, effects, replayed } of run(steps)) {
          if (!replayed) continue;
          expect(after).toBe(before);
          expect(effects).toEqual([]);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("keeps a session's size bounded however long it runs", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ body: eventBody, replay: fc.constant(1), gap: fc.constant(1) }), {
          minLength: 250,
          maxLength: 300,
        }),
        (steps) => {
          const last = run(steps).at(-1)!.after;
          expect(last.seenEvents.length).toBeLessThanOrEqual(200);
          expect(last.memory.sentCommentIds.length).toBeLessThanOrEqual(500);
        },
      ),
      { numRuns: 20 },
    );
  });
});
