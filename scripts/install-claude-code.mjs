// Installs the pinned Claude Code CLI into a cache folder outside the repo, for the tests that run the real agent
// (and for .ci/run); prints the path of the `claude` binary as its last line. Safe to run twice at once.
//
// Usage: node scripts/install-claude-code.mjs            (cache root: $DROVER_TEST_CACHE or ~/.cache/drover-test)
// It is not a dependency of the product: the native binary is ~380 MB, and users bring their own claude.
import { execFileSync, spawnSync } from "node:child_process";
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

const version = "2.1.330";
const packageName = "@anthropic-ai/claude-code";
const lockStaleMs = 15 * 60_000;
const lockWaitMs = 20 * 60_000;

const cacheRoot = process.env.DROVER_TEST_CACHE || join(homedir(), ".cache", "drover-test");
const target = join(cacheRoot, `claude-code-${version}`);
const binary = join(target, "node_modules", ".bin", "claude");
const doneMarker = join(target, ".installed");
const lockPath = `${target}.lock`;

function log(message) {
  process.stderr.write(`install-claude-code: ${message}\n`);
}

function runsPinnedVersion(path) {
  const result = spawnSync(path, ["--version"], { encoding: "utf8", timeout: 30_000 });
  return result.status === 0 && result.stdout.startsWith(version);
}

function installed() {
  return existsSync(doneMarker) && runsPinnedVersion(binary);
}

function pidAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === "EPERM";
  }
}

// An exclusive-create lock file holding the owner's pid and start time; a lock whose owner died or that is far
// older than any install is taken over, so a killed test run never blocks the next one.
function tryLock() {
  try {
    const fd = openSync(lockPath, "wx");
    writeFileSync(fd, JSON.stringify({ pid: process.pid, at: Date.now() }));
    closeSync(fd);
    return true;
  } catch (error) {
    if (error.code !== "EEXIST") throw error;
    let owner = null;
    try {
      owner = JSON.parse(readFileSync(lockPath, "utf8"));
    } catch {
      // Being written right now by its owner: not stale yet.
      return false;
    }
    if (!pidAlive(owner.pid) || Date.now() - owner.at > lockStaleMs) {
      log(`taking over a stale lock of pid ${owner.pid}`);
      rmSync(lockPath, { force: true });
    }
    return false;
  }
}

async function withLock(work) {
  mkdirSync(cacheRoot, { recursive: true });
  const deadline = Date.now() + lockWaitMs;
  while (!tryLock()) {
    if (Date.now() > deadline) {
      throw new Error(
        `waited ${lockWaitMs / 60_000} min for ${lockPath}; delete it if no install is running`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  try {
    return work();
  } finally {
    rmSync(lockPath, { force: true });
  }
}

function install() {
  // Staged next to the target and renamed into place, so a half-finished install is never mistaken for a whole one.
  const staging = `${target}.partial-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  rmSync(target, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  writeFileSync(
    join(staging, "package.json"),
    JSON.stringify({ name: "drover-test-claude-code", private: true }),
  );
  log(`installing ${packageName}@${version} into ${target} (about 380 MB)`);
  execFileSync(
    "npm",
    ["install", "--no-audit", "--no-fund", "--no-save", "--loglevel=error", `${packageName}@${version}`],
    // npm's own output goes to stderr: stdout carries only the binary's path, for callers to read.
    { cwd: staging, stdio: ["ignore", 2, 2] },
  );
  const stagedBinary = join(staging, "node_modules", ".bin", "claude");
  if (!runsPinnedVersion(stagedBinary)) {
    // npm skipped the package's postinstall (ignore-scripts, or an install-script allow list), which swaps the
    // placeholder for the native binary; run it ourselves, as the placeholder's own message advises.
    log("the postinstall did not run; running it");
    execFileSync(process.execPath, [join(staging, "node_modules", packageName, "install.cjs")], {
      cwd: staging,
      stdio: ["ignore", 2, 2],
    });
  }
  if (!runsPinnedVersion(stagedBinary)) {
    throw new Error(`${stagedBinary} does not run or is not version ${version}; see npm's output above`);
  }
  renameSync(staging, target);
  writeFileSync(doneMarker, `${version}\n`);
}

if (!installed()) {
  await withLock(() => {
    if (!installed()) install();
  });
}
process.stdout.write(`${binary}\n`);
