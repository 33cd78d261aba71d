// Installs the reference ccusage 20.0.24 outside the repo (once, into a cache folder) and runs it.
//
// Drover's totals are checked against the tool users already trust. Its native binary comes from the npm
// registry; it is installed under ~/.cache/drover-test (DROVER_TEST_CACHE overrides) with a lock and an
// atomic rename, so parallel test files and the bench share one install and never see a half-written one.
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, renameSync, rmSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

export const ccusageVersion = "20.0.24";

const platformPackage = (): string => {
  const arch = process.arch === "arm64" ? "arm64" : "x64";
  const os = process.platform === "darwin" ? "darwin" : process.platform === "win32" ? "win32" : "linux";
  return `@ccusage/ccusage-${os}-${arch}`;
};

export const testCacheDir = () => process.env.DROVER_TEST_CACHE ?? join(homedir(), ".cache", "drover-test");

function binaryIn(dir: string): string {
  return join(
    dir,
    "node_modules",
    platformPackage(),
    "bin",
    process.platform === "win32" ? "ccusage.exe" : "ccusage",
  );
}

function sleep(ms: number) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Path of the ccusage binary, installing it first if needed (idempotent, safe across processes). */
export function ensureCcusage(): string {
  const root = testCacheDir();
  const target = join(root, `ccusage-${ccusageVersion}`);
  const binary = binaryIn(target);
  if (existsSync(binary)) {
    chmodSync(binary, 0o755); // the package ships it without the executable bit; its JS wrapper sets it
    return binary;
  }
  mkdirSync(root, { recursive: true });
  const lock = join(root, `ccusage-${ccusageVersion}.lock`);
  const deadline = Date.now() + 5 * 60_000;
  for (;;) {
    try {
      closeSync(openSync(lock, "wx"));
      break;
    } catch {
      if (existsSync(binary)) return ensureCcusage();
      // A lock older than five minutes belongs to an install that died.
      try {
        if (Date.now() - statSync(lock).mtimeMs > 5 * 60_000) rmSync(lock, { force: true });
      } catch {}
      if (Date.now() > deadline)
        throw new Error(`timed out waiting for ${lock}; delete it if no install is running`);
      sleep(500);
    }
  }
  try {
    if (!existsSync(binary)) {
      const partial = `${target}.partial-${process.pid}`;
      rmSync(partial, { recursive: true, force: true });
      execFileSync(
        "npm",
        [
          "install",
          "--prefix",
          partial,
          "--no-audit",
          "--no-fund",
          "--loglevel=error",
          `ccusage@${ccusageVersion}`,
          `${platformPackage()}@${ccusageVersion}`,
        ],
        { stdio: ["ignore", "ignore", "inherit"] },
      );
      chmodSync(binaryIn(partial), 0o755);
      rmSync(target, { recursive: true, force: true });
      renameSync(partial, target);
    }
  } finally {
    rmSync(lock, { force: true });
  }
  chmodSync(binary, 0o755);
  return binary;
}

export interface CcusageRun<T> {
  json: T;
  wallMs: number;
}

/** Runs `ccusage <args> --json --offline --timezone <zone>` with the given environment and parses its output. */
export function runCcusage<T>(args: string[], env: Record<string, string>, timeZone = "UTC"): CcusageRun<T> {
  const binary = ensureCcusage();
  const started = performance.now();
  const result = spawnSync(binary, [...args, "--json", "--offline", "--timezone", timeZone], {
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? homedir(), NO_COLOR: "1", ...env },
    encoding: "utf8",
    maxBuffer: 512 * 1024 * 1024,
  });
  const wallMs = performance.now() - started;
  if (result.status !== 0) {
    throw new Error(
      `ccusage ${args.join(" ")} failed (${result.status}): ${result.stderr || result.error?.message}`,
    );
  }
  return { json: JSON.parse(result.stdout) as T, wallMs };
}
