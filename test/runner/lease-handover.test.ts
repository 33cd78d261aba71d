// A runner that dies while it prepares a workspace holds the spawn job only until its lease runs out; then the
// next runner with the repo gets the job and the session goes on there.
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Stack, standInConfig, startStack, waitFor } from "./support/runner-stack.js";

let stack: Stack;

beforeAll(async () => {
  // The first runner's post-create step hangs (it has DROVER_TEST_STALL set), so it dies holding the job.
  stack = await startStack("lease", {
    repoConfig: standInConfig(
      'workspace:\n  postCreate:\n    - "[ -z \\"$DROVER_TEST_STALL\\" ] || sleep 120"\n',
    ),
  });
});
afterAll(async () => stack?.close());

describe("lease expiry", () => {
  it("gives the job of a runner that died to a second runner", async () => {
    const first = await stack.addRunner("first", { DROVER_TEST_STALL: "1" });
    await first.stop();
    first.tune({ leaseMs: 3_000 });
    await first.start();
    const sessionId = await stack.spawnSession("Hand me over");
    await waitFor(
      async () => (await stack.session(sessionId)).runnerId === first.runnerId,
      "the first runner to take the job",
    );
    await waitFor(() => first.output().includes('"kind":"spawn"'), "the first runner to start the spawn");
    await first.stop("SIGKILL");
    const [job] = await stack.store.listJobs({ sessionId });
    expect(job).toMatchObject({ state: "leased", runnerId: first.runnerId, attempts: 1 });

    // On another machine: a checkout of its own, where the branch the first runner made does not exist yet.
    const checkout = join(stack.root, "second-checkout");
    execFileSync("git", ["clone", "--quiet", stack.repo, checkout]);
    const second = await stack.addRunner("second", {}, { checkout });
    const session = await stack.waitForState(sessionId, "needs_input", "the second runner to run the agent");
    expect(session.runnerId).toBe(second.runnerId);
    expect(session.agentFacts.phase).toBe("running");
    const spawn = (await stack.store.listJobs({ sessionId })).find((j) => j.payload.kind === "spawn");
    expect(spawn).toMatchObject({ state: "completed", runnerId: second.runnerId, attempts: 2 });
    expect(await stack.summaries(sessionId)).toEqual(
      expect.arrayContaining([
        `agent started on runner ${second.runnerId}`,
        "agent reports needs-input: Which colour should the button be?",
      ]),
    );
  });
});
