// Linear's rate limits, with the real SDK against nock: a refused call waits as long as Linear's headers say
// (Retry-After, or the reset time of the budget that ran out) and is tried again, a bounded number of times.
// The sleep is injected, so the test sees each delay without waiting it out.
import { afterEach, describe, expect, it } from "vitest";
import type { SessionEventBody } from "../../src/core/events.js";
import { LinearRateLimitedError } from "../../src/linear/with-rate-limit.js";
import { handleSessionEvent } from "../../src/sessions/handle-event.js";
import type { GraphqlHandler } from "./linear-fake.js";
import { issueDelivery, type LinearServer, startLinearServer } from "./linear-server.js";

let s: LinearServer;
afterEach(async () => s?.close());

const moved = {
  data: { issueUpdate: { __typename: "IssuePayload", success: true, lastSyncId: 1, issue: { id: "i" } } },
};
const limited = (headers: Record<string, string>, status = 429) => ({
  status,
  body: { errors: [{ message: "Rate limit exceeded", extensions: { code: "RATELIMITED" } }] },
  headers,
});

const commented = {
  data: {
    commentCreate: { __typename: "CommentPayload", success: true, lastSyncId: 1, comment: { id: "c1" } },
  },
};

/** Refuses the first `times` calls with `refusal`, then answers `success`. */
const refuseFirst =
  (
    times: number,
    refusal: ReturnType<typeof limited>,
    success: { data: Record<string, unknown> } = moved,
  ): GraphqlHandler =>
  (_variables, call) =>
    call <= times ? refusal : success;

describe("Linear rate limits", () => {
  it("waits the Retry-After Linear sends, then tries again", async () => {
    s = await startLinearServer("lin-429");
    s.api.on("updateIssue", refuseFirst(1, limited({ "retry-after": "2" })));
    await s.linear.api.moveIssue("issue-1", "state-progress");
    expect(s.api.of("updateIssue")).toHaveLength(2);
    expect(s.sleeps).toEqual([2000]);
  });

  it("waits until the reset of the budget that ran out when there is no Retry-After", async () => {
    s = await startLinearServer("lin-reset");
    const now = s.t.clock.now;
    s.api.on(
      "updateIssue",
      refuseFirst(
        1,
        limited({
          "x-ratelimit-requests-limit": "1500",
          "x-ratelimit-requests-remaining": "0",
          "x-ratelimit-requests-reset": String(now + 7500),
          "x-ratelimit-complexity-remaining": "240000",
          "x-ratelimit-complexity-reset": String(now + 50_000),
        }),
      ),
    );
    await s.linear.api.moveIssue("issue-1", "state-progress");
    expect(s.sleeps).toEqual([7500]);
    expect(s.api.of("updateIssue")).toHaveLength(2);
  });

  it("recognises RATELIMITED in a GraphQL error and backs off exponentially without headers", async () => {
    s = await startLinearServer("lin-ratelimited");
    s.api.on("updateIssue", refuseFirst(2, limited({}, 400)));
    await s.linear.api.moveIssue("issue-1", "state-progress");
    expect(s.sleeps).toEqual([1000, 2000]);
    expect(s.api.of("updateIssue")).toHaveLength(3);
  });

  it("gives up after a bounded number of retries, saying when to come back", async () => {
    s = await startLinearServer("lin-giveup");
    s.api.on("updateIssue", refuseFirst(99, limited({ "retry-after": "1" })));
    const error = await s.linear.api.moveIssue("issue-1", "state-progress").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LinearRateLimitedError);
    expect((error as LinearRateLimitedError).retryAt).toBe(s.t.clock.now + 1000);
    expect((error as Error).message).toMatch(/rate limiting Drover \(move the issue\) after 4 attempts/);
    expect(s.api.of("updateIssue")).toHaveLength(4);
    expect(s.sleeps).toEqual([1000, 1000, 1000]);
  });

  it("does not sleep through a wait longer than a request can afford; the outbox retries instead", async () => {
    s = await startLinearServer("lin-long");
    const reset = s.t.clock.now + 3_600_000;
    s.api.on(
      "updateIssue",
      refuseFirst(
        1,
        limited({ "x-ratelimit-requests-remaining": "0", "x-ratelimit-requests-reset": String(reset) }),
      ),
    );
    const error = await s.linear.api.moveIssue("issue-1", "state-progress").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LinearRateLimitedError);
    expect((error as LinearRateLimitedError).retryAt).toBe(reset);
    expect(s.sleeps).toEqual([]);
    expect(s.api.of("updateIssue")).toHaveLength(1);
  });

  it("backs off inside a session's status change and still moves the issue once", async () => {
    s = await startLinearServer("lin-429-session");
    s.api.on("updateIssue", refuseFirst(1, limited({ "retry-after": "3" })));
    s.api.on("createComment", refuseFirst(1, limited({ "retry-after": "0.5" }), commented));
    const res = await s.deliver(issueDelivery());
    const id = res.body.sessionId as string;
    // No runner has the repo: the "waiting for a runner" comment was refused once, then posted.
    expect(s.api.of("createComment")).toHaveLength(2);
    const send = (n: number, body: SessionEventBody) =>
      handleSessionEvent(s.t.app, id, { ...body, id: `e${n}` } as never, { wait: true });
    await send(1, { type: "agent.spawned", runnerId: "laptop" });
    expect(s.api.of("updateIssue")).toHaveLength(2);
    expect(s.sleeps).toEqual([500, 3000]);
    expect((await s.t.store.readLog(id)).filter((e) => e.kind === "error")).toEqual([]);
  });
});
