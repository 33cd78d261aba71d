// Once per test run: build dist/ (tests that start `drover` run what users run) and start one redis-server.
import { execFileSync } from "node:child_process";
import type { TestProject } from "vitest/node";
import { startRedisServer } from "./redis-server.js";

export default async function setup(project: TestProject) {
  execFileSync(process.execPath, ["scripts/build.mjs"], { stdio: "inherit" });
  const redis = await startRedisServer();
  project.provide("redisUrl", redis.url);
  return async () => {
    await redis.stop();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    redisUrl: string;
  }
}
