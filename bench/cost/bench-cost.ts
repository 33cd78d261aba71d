// Benchmarks `drover cost daily` against ccusage 20.0.24 on generated 100 MB and 1 GB corpora, cold and warm.
//
//   node --import tsx bench/cost/bench-cost.ts [--sizes 100,1000] [--runs 3] [--dir /tmp/drover-cost-bench]
//
// Prints, per corpus size: wall time (median of the runs), the ratio to ccusage, MB/s and peak RSS, for
// ccusage, Drover cold (no Drover cache yet: what a first run costs, cache written), Drover warm (the same
// command again, nothing changed: answered from the report cache), Drover's session report next (another
// report, nothing changed: built from the per-file cache without reading a log) and Drover after one
// transcript grew by a line (incremental read). Also checks that both tools report identical per-day totals.
// CPU time (user + system, all threads) is shown too: on a shared machine it stays comparable when wall time
// does not; the machine's load average is printed before and after. Both read from the page cache (a first
// untimed ccusage run warms it), so the figures compare CPU work, not the disk.
// Drover runs from a private build of src/ and runner/ (same esbuild settings as scripts/build.mjs), so a
// concurrent `npm run build` or test run cannot change the code under measurement.
import { spawnSync } from "node:child_process";
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { availableParallelism, cpus, loadavg } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { build } from "esbuild";
import { ccusageVersion, ensureCcusage } from "../../test/support/cost-ccusage.js";
import { compareDaily } from "../../test/support/cost-compare.js";
import { generateClaudeCorpus } from "../../test/support/cost-corpus.js";

const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "100,1000" },
    runs: { type: "string", default: "3" },
    dir: { type: "string", default: "/tmp/drover-cost-bench" },
  },
});
const sizes = values.sizes!.split(",").map(Number);
const runs = Math.max(1, Number(values.runs));
const benchDir = resolve(values.dir!);
const repo = resolve(import.meta.dirname, "..", "..");

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    return e.isDirectory() ? walk(path) : [path];
  });
}

/** Builds src/ and runner/ one-to-one into `<benchDir>/app/dist`, like scripts/build.mjs does into dist/. */
async function buildDrover(): Promise<string> {
  const app = join(benchDir, "app");
  rmSync(app, { recursive: true, force: true });
  const files = ["src", "runner"].flatMap((root) => walk(join(repo, root)));
  await build({
    entryPoints: files.filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts")),
    outdir: join(app, "dist"),
    outbase: repo,
    format: "esm",
    platform: "node",
    target: "node20",
    logLevel: "warning",
  });
  for (const file of files.filter((f) => /\.(md|json|ya?ml|txt)$/.test(f))) {
    cpSync(file, join(app, "dist", file.slice(repo.length + 1)));
  }
  writeFileSync(join(app, "package.json"), JSON.stringify({ type: "module" }));
  symlinkSync(join(repo, "node_modules"), join(app, "node_modules"));
  return join(app, "dist", "runner", "commands", "cost.js");
}

function corpusFor(megabytes: number): { dir: string; bytes: number; files: number } {
  const dir = join(benchDir, `claude-${megabytes}mb`);
  const stamp = join(benchDir, `claude-${megabytes}mb.json`);
  if (!existsSync(stamp)) {
    rmSync(dir, { recursive: true, force: true });
    process.stderr.write(`generating a ${megabytes} MB corpus in ${dir}…\n`);
    const summary = generateClaudeCorpus({ dir, targetBytes: megabytes * 1_000_000, seed: 42, days: 60 });
    writeFileSync(stamp, JSON.stringify(summary));
  }
  const summary = JSON.parse(readFileSync(stamp, "utf8")) as { bytes: number; files: number };
  return { dir, ...summary };
}

interface Measured {
  wallMs: number;
  /** User + system CPU seconds of the process and its threads: comparable even on a busy machine. */
  cpuS: number | undefined;
  rssKb: number | undefined;
  stdout: string;
}

const hasTime = existsSync("/usr/bin/time");

/** Runs a command and measures its wall time and (with /usr/bin/time) its peak RSS. */
function measure(command: string, args: string[], env: Record<string, string>): Measured {
  const started = performance.now();
  const result = hasTime
    ? spawnSync("/usr/bin/time", ["-f", "%U %S %M", command, ...args], {
        env,
        encoding: "utf8",
        maxBuffer: 256 << 20,
      })
    : spawnSync(command, args, { env, encoding: "utf8", maxBuffer: 256 << 20 });
  const wallMs = performance.now() - started;
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed: ${result.stderr}`);
  const [user, system, rss] = hasTime ? result.stderr.trim().split("\n").pop()!.split(" ").map(Number) : [];
  return {
    wallMs,
    cpuS: user === undefined ? undefined : user + system!,
    rssKb: rss,
    stdout: result.stdout,
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  mkdirSync(benchDir, { recursive: true });
  const ccusage = ensureCcusage();
  const drover = await buildDrover();
  const baseEnv = { PATH: process.env.PATH ?? "", HOME: benchDir, NO_COLOR: "1" };
  const droverArgs = [drover, "daily", "--json", "--agent", "claude", "--timezone", "UTC"];
  const ccusageArgs = ["claude", "daily", "--json", "--offline", "--timezone", "UTC"];
  const rows: string[][] = [];
  const load = () =>
    loadavg()
      .map((l) => l.toFixed(2))
      .join(" ");
  console.log(
    `ccusage ${ccusageVersion} vs Drover; ${availableParallelism()} cores (${cpus()[0]?.model ?? "?"}), Node ${process.version}, ${runs} run(s) each, median shown; load average ${load()}`,
  );

  for (const megabytes of sizes) {
    const corpus = corpusFor(megabytes);
    const mb = corpus.bytes / 1e6;
    const env = { ...baseEnv, CLAUDE_CONFIG_DIR: corpus.dir };
    measure(ccusage, ccusageArgs, env); // warms the page cache for both tools

    const keys = () => ({ ccusage: [], cold: [], warm: [], other: [], append: [] });
    const times: Record<string, number[]> = keys();
    const cpu: Record<string, number[]> = keys();
    const rss: Record<string, number[]> = keys();
    let ours = "";
    let theirs = "";
    const grow = walk(join(corpus.dir, "projects")).find(
      (f) => f.endsWith(".jsonl") && !f.includes("subagents"),
    )!;
    const record = (key: string, m: Measured) => {
      times[key]!.push(m.wallMs);
      if (m.cpuS !== undefined) cpu[key]!.push(m.cpuS);
      if (m.rssKb !== undefined) rss[key]!.push(m.rssKb);
    };
    for (let run = 0; run < runs; run++) {
      const cacheHome = join(benchDir, `cache-${megabytes}-${run}`);
      rmSync(cacheHome, { recursive: true, force: true });
      const droverEnv = { ...env, XDG_CACHE_HOME: cacheHome };
      const c = measure(ccusage, ccusageArgs, env);
      record("ccusage", c);
      theirs = c.stdout;
      const cold = measure(process.execPath, droverArgs, droverEnv);
      record("cold", cold);
      ours = cold.stdout;
      record("warm", measure(process.execPath, droverArgs, droverEnv));
      record("other", measure(process.execPath, [drover, "session", ...droverArgs.slice(2)], droverEnv));
      appendFileSync(
        grow,
        `${JSON.stringify({ type: "assistant", timestamp: "2025-09-15T12:00:00.000Z", requestId: `req_bench_${megabytes}_${run}`, message: { id: `msg_bench_${megabytes}_${run}`, model: "claude-sonnet-4-5-20250929", usage: { input_tokens: 10, output_tokens: 10 } } })}\n`,
      );
      record("append", measure(process.execPath, droverArgs, droverEnv));
      rmSync(cacheHome, { recursive: true, force: true });
    }
    const diffs = compareDaily(JSON.parse(ours).daily, JSON.parse(theirs).daily);
    const base = median(times.ccusage!);
    for (const [key, label] of [
      ["ccusage", "ccusage (native)"],
      ["cold", "drover cold"],
      ["warm", "drover warm (unchanged)"],
      ["other", "drover warm (session report)"],
      ["append", "drover warm (+1 line)"],
    ] as const) {
      const wall = median(times[key]!);
      rows.push([
        `${mb.toFixed(0)} MB, ${corpus.files} files`,
        label,
        `${(wall / 1000).toFixed(3)} s`,
        key === "ccusage" ? "1.00×" : `${(base / wall).toFixed(2)}× ${wall <= base ? "faster" : "slower"}`,
        `${(mb / (wall / 1000)).toFixed(0)} MB/s`,
        cpu[key]!.length ? `${median(cpu[key]!).toFixed(2)} s` : "n/a",
        rss[key]!.length ? `${(median(rss[key]!) / 1024).toFixed(0)} MB` : "n/a",
      ]);
    }
    rows.push([
      `${mb.toFixed(0)} MB`,
      "per-day totals identical",
      diffs.length === 0 ? "yes" : `NO: ${diffs.slice(0, 3).join("; ")}`,
      "",
      "",
      "",
      "",
    ]);
  }
  const header = ["corpus", "run", "wall", "vs ccusage", "throughput", "CPU (user+sys)", "peak RSS"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join("  ");
  console.log(line(header));
  for (const row of rows) console.log(line(row));
  console.log(`load average after: ${load()}`);
}

await main();
