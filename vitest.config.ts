// Test run settings: one redis-server and one fresh build for the whole run (see test/support/global-setup.ts).
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/support/global-setup.ts"],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: "forks",
    // Tests start real redis-server, tmux and agent processes; two cores cannot run many files at once.
    maxWorkers: 2,
  },
});
