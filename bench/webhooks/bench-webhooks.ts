// Benchmarks POST /api/github/webhooks: server time per event for concurrent signed deliveries against a real
// redis-server, and what each event costs in Redis round trips and GitHub API calls.
//
//   node --import tsx bench/webhooks/bench-webhooks.ts [--events 100] [--rounds 3]
//
// The app is the one `drover serve` runs (route table, Probot, session service, Redis store), in this process
// with GitHub faked by nock at the HTTP boundary. Server time is measured in the server, from the request's
// arrival to the end of its response. Round trips are counted by wrapping the Redis client: "in the request"
// is what a delivery costs before GitHub gets its answer; "after" is the effects carried out once the response
// is sent (labels, status comment, runner jobs). Those two are measured exactly on sequential deliveries;
// the concurrent run reports its total per event. Three workloads:
//   one PR      N check runs finishing at once on one PR (every delivery updates the same session)
//   N PRs       one check run on each of N PRs (no two deliveries touch the same session)
//   comments    N bot comments at once on one PR (each becomes a message for the agent: a runner job)
import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import nock from "nock";
import { parseEnv } from "../../src/config/env.js";
import { connectGitHubApp } from "../../src/github/connect-github-app.js";
import { type AppContext, createAppContext } from "../../src/server/app-context.js";
import { dispatch } from "../../src/server/router.js";
import { routes } from "../../src/server/routes.js";
import { handleSessionEvent } from "../../src/sessions/handle-event.js";
import { createLogger } from "../../src/shared/logger.js";
import { createIoredisClient } from "../../src/store/ioredis-client.js";
import { RedisStore } from "../../src/store/redis-store.js";
import { appPrivateKey } from "../../test/github/support/app-key.js";
import { FakeGitHub } from "../../test/github/support/fake-github.js";
import {
  checkRun,
  installationId,
  issueCommentCreated,
  issuesLabeled,
  pullRequest,
  testRepo,
} from "../../test/github/support/payloads.js";
import { sign, webhookSecret } from "../../test/github/support/sign.js";
import { TestOctokit } from "../../test/github/support/test-octokit.js";
import { countingClient } from "../../test/store/counting-client.js";
import { freePort } from "../../test/support/free-port.js";
import { type RunningRedis, startRedisServer } from "../../test/support/redis-server.js";

const { values } = parseArgs({
  options: { events: { type: "string", default: "100" }, rounds: { type: "string", default: "3" } },
});
const events = Number(values.events);
const rounds = Number(values.rounds);
const appId = 4711;

interface Rig {
  app: AppContext;
  fake: FakeGitHub;
  redisCalls: () => number;
  serverTimes: number[];
  deliver(event: string, payload: object): Promise<number>;
  close(): Promise<void>;
}

async function startRig(redis: RunningRedis): Promise<Rig> {
  const client = countingClient(createIoredisClient(redis.url));
  const store = new RedisStore(client, { kind: "redis", prefix: `bench:${randomUUID()}:` });
  const app = createAppContext({ env: parseEnv({}), store, log: createLogger("silent") });
  connectGitHubApp(
    app,
    { appId, privateKey: appPrivateKey(), webhookSecret, baseUrl: "https://api.github.com" },
    { Octokit: TestOctokit },
  );
  const fake = new FakeGitHub({ appId, installationId, repo: testRepo.fullName }).start();
  fake.permissions.set("maria", "write");
  const serverTimes: number[] = [];
  const server: Server = createServer((req, res) => {
    const started = performance.now();
    res.on("finish", () => serverTimes.push(performance.now() - started));
    void dispatch(app, routes, req, res);
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${port}/api/github/webhooks`;
  return {
    app,
    fake,
    redisCalls: () => client.calls,
    serverTimes,
    deliver: async (event, payload) => {
      const body = JSON.stringify(payload);
      const res = await fetch(url, {
        method: "POST",
        body,
        headers: {
          "content-type": "application/json",
          "x-github-event": event,
          "x-github-delivery": randomUUID(),
          "x-hub-signature-256": sign(body),
        },
      });
      await res.text();
      if (res.status !== 200) throw new Error(`delivery answered ${res.status}`);
      return res.status;
    },
    close: async () => {
      await app.settle();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
      nock.cleanAll();
    },
  };
}

const sha = (n: number) => n.toString(16).padStart(40, "0");
const branch = (issue: number) => `drover/${issue}-issue-${issue}`;

/** A session for issue `issue` with PR `issue` open on it, as the deliveries of a real one would leave it. */
async function sessionWithPr(rig: Rig, issue: number): Promise<void> {
  await rig.deliver("issues", issuesLabeled({ number: issue, title: `Issue ${issue}`, label: "drover" }));
  await rig.app.settle();
  const session = await rig.app.store.findSessionByIssue(testRepo.fullName, String(issue));
  await handleSessionEvent(rig.app, session!.id, {
    type: "agent.spawned",
    runnerId: "laptop",
    id: `s${issue}`,
  });
  rig.fake.pulls.set(issue, { state: "open", mergeable: true, headSha: sha(issue) });
  await rig.deliver(
    "pull_request",
    pullRequest("opened", { number: issue, headRef: branch(issue), headSha: sha(issue) }),
  );
  await rig.app.settle();
}

const passed = (issue: number, id: number) =>
  checkRun({
    id,
    name: `check-${id}`,
    sha: sha(issue),
    status: "completed",
    conclusion: "success",
    startedAt: "2026-11-22T10:00:00Z",
    completedAt: "2026-11-22T10:01:00Z",
    pr: { number: issue, headRef: branch(issue) },
  });
const botComment = (issue: number, id: number) =>
  issueCommentCreated({
    number: issue,
    onPullRequest: true,
    commentId: id,
    body: `Coverage changed by 0.${id % 10}%`,
    author: { login: "codecov[bot]", type: "Bot" },
  });

interface Workload {
  name: string;
  setUp(rig: Rig): Promise<void>;
  delivery(i: number): [string, object];
}

const workloads: Workload[] = [
  {
    name: "one PR",
    setUp: (rig) => sessionWithPr(rig, 1),
    delivery: (i) => ["check_run", passed(1, 10_000 + i)],
  },
  {
    name: `${events} PRs`,
    setUp: async (rig) => {
      for (let issue = 1; issue <= events; issue++) await sessionWithPr(rig, issue);
    },
    delivery: (i) => ["check_run", passed(1 + (i % events), 10_000 + i)],
  },
  {
    name: "comments",
    setUp: (rig) => sessionWithPr(rig, 1),
    delivery: (i) => ["issue_comment", botComment(1, 20_000 + i)],
  },
];

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

interface Figures {
  p50: number;
  p99: number;
  max: number;
  wallMs: number;
  redisPerEvent: number;
  redisInRequest: number;
  redisAfter: number;
  githubPerEvent: number;
}

async function measure(redis: RunningRedis, workload: Workload): Promise<Figures> {
  const rig = await startRig(redis);
  try {
    await workload.setUp(rig);
    // Exact per-event costs, one delivery at a time (ids far from the concurrent run's).
    const sequential = 20;
    let inRequest = 0;
    let after = 0;
    for (let i = 0; i < sequential; i++) {
      const [event, payload] = workload.delivery(50_000 + i);
      const before = rig.redisCalls();
      await rig.deliver(event, payload);
      const answered = rig.redisCalls();
      await rig.app.settle();
      inRequest += answered - before;
      after += rig.redisCalls() - answered;
    }
    // The concurrent run.
    rig.serverTimes.length = 0;
    const redisBefore = rig.redisCalls();
    const githubBefore = rig.fake.calls.length;
    const started = performance.now();
    await Promise.all(Array.from({ length: events }, (_, i) => rig.deliver(...workload.delivery(i))));
    const wallMs = performance.now() - started;
    await rig.app.settle();
    const sorted = [...rig.serverTimes].sort((a, b) => a - b);
    return {
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      max: sorted.at(-1)!,
      wallMs,
      redisPerEvent: (rig.redisCalls() - redisBefore) / events,
      redisInRequest: inRequest / sequential,
      redisAfter: after / sequential,
      githubPerEvent: (rig.fake.calls.length - githubBefore) / events,
    };
  } finally {
    await rig.close();
  }
}

nock.disableNetConnect();
nock.enableNetConnect(/127\.0\.0\.1/);
const redis = await startRedisServer();
try {
  console.log(
    `POST /api/github/webhooks: ${events} concurrent signed deliveries, real redis-server, ${rounds} rounds`,
  );
  console.log(
    "workload    round   p50 ms   p99 ms   max ms   wall ms   redis/event   (in request + after)   github/event",
  );
  for (const workload of workloads) {
    const all: Figures[] = [];
    for (let round = 1; round <= rounds; round++) {
      const f = await measure(redis, workload);
      all.push(f);
      console.log(
        `${workload.name.padEnd(11)} ${String(round).padStart(5)} ${f.p50.toFixed(1).padStart(8)} ${f.p99.toFixed(1).padStart(8)} ` +
          `${f.max.toFixed(1).padStart(8)} ${f.wallMs.toFixed(0).padStart(9)} ${f.redisPerEvent.toFixed(1).padStart(13)}   ` +
          `(${f.redisInRequest.toFixed(1)} + ${f.redisAfter.toFixed(1)})`.padEnd(22) +
          ` ${f.githubPerEvent.toFixed(2).padStart(12)}`,
      );
    }
    console.log(
      `${workload.name.padEnd(11)} median ${median(all.map((f) => f.p50))
        .toFixed(1)
        .padStart(7)} ` +
        `${median(all.map((f) => f.p99))
          .toFixed(1)
          .padStart(8)}`,
    );
  }
} finally {
  await redis.stop();
}
