// Parallel efficiency of a convoy: stand-in agents of known durations (three reviewers, then a synthesis) run
// through the real engine, launcher and runtime; efficiency = (slowest reviewer + synthesis) / wall time.
// 1.0 means the reviewers overlapped perfectly and the engine added nothing; the sum of all agents over the wall
// time is the speed-up against running them one after another.
//
//   node --import tsx bench/convoy/parallel-efficiency.ts [--runs 5] [--runtime process,tmux] [--scale 1]
//
// Durations: correctness 1.0 s, security 1.5 s, performance 2.0 s, synthesis 0.5 s (times --scale). Each agent
// is a Node process (the stand-in), so its start-up (~50-100 ms) is part of what the engine must overlap.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { createConvoyTmuxRuntime } from "../../runner/convoy/tmux-agent-runtime.js";
import type { ConvoyState } from "../../src/convoy/convoy-state.js";
import { createAgentLauncher } from "../../src/convoy/create-agent-launcher.js";
import { createConvoyState } from "../../src/convoy/create-convoy.js";
import { createFileConvoyStore } from "../../src/convoy/file-convoy-store.js";
import { loadTemplateCatalog } from "../../src/convoy/load-templates.js";
import { createProcessRuntime } from "../../src/convoy/process-runtime.js";
import { resolveConvoy } from "../../src/convoy/resolve-convoy.js";
import { runConvoy } from "../../src/convoy/run-convoy.js";
import { standInCommand } from "../../test/convoy/fixtures.js";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "5" },
    runtime: { type: "string", default: "process,tmux" },
    scale: { type: "string", default: "1" },
  },
});
const runs = Number(values.runs);
const scale = Number(values.scale);
const durations = { correctness: 1000, security: 1500, performance: 2000, synthesis: 500 };
const ms = (role: keyof typeof durations) => Math.round(durations[role] * scale);
const ideal = ms("performance") + ms("synthesis");
const sequential = Object.keys(durations).reduce((sum, role) => sum + ms(role as keyof typeof durations), 0);

const root = mkdtempSync(join(tmpdir(), "drover-convoy-bench-"));
const repo = join(root, "repo");
mkdirSync(join(repo, "src"), { recursive: true });
writeFileSync(join(repo, "src", "a.ts"), "export const a = 1;\n");
execFileSync("git", ["init", "-q", "-b", "main", repo]);
const planFile = join(root, "plan.json");
const finding = { severity: "low", file: "src/a.ts", line: 1, title: "t", detail: "d" };
writeFileSync(
  planFile,
  JSON.stringify({
    correctness: { delayMs: ms("correctness"), findings: [finding] },
    security: { delayMs: ms("security"), findings: [] },
    performance: { delayMs: ms("performance"), findings: [] },
    synthesis: { delayMs: ms("synthesis"), synthesis: true },
  }),
);
process.env.DROVER_STANDIN_PLAN = planFile;

const catalog = await loadTemplateCatalog({ repoDir: repo, env: { XDG_CONFIG_HOME: join(root, "config") } });
const convoy = resolveConvoy(catalog, "code-review", { command: standInCommand });
const store = createFileConvoyStore(join(root, "convoys"));

function seconds(n: number): string {
  return `${(n / 1000).toFixed(2)} s`;
}
function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}
function took(state: ConvoyState, role: string): number {
  const a = state.agents.find((x) => x.role === role)!;
  return Date.parse(a.finishedAt!) - Date.parse(a.startedAt!);
}

console.log(
  `convoy parallel efficiency: ${runs} runs per runtime, agents ${Object.entries(durations)
    .map(([r, d]) => `${r} ${seconds(d * scale)}`)
    .join(", ")}; ${cpus().length} CPUs, load ${loadavg()[0]!.toFixed(1)}`,
);
console.log(
  `ideal wall (slowest reviewer + synthesis) ${seconds(ideal)}; one after another ${seconds(sequential)}`,
);
console.log(
  "runtime   wall (median)  efficiency  speed-up  efficiency on measured agents  (per-run efficiencies)",
);

try {
  for (const runtime of values.runtime!.split(",")) {
    const launcher = createAgentLauncher(
      runtime === "tmux" ? createConvoyTmuxRuntime() : createProcessRuntime(),
      {
        pollMs: 50,
      },
    );
    const walls: number[] = [];
    const measured: number[] = [];
    for (let i = 0; i < runs; i++) {
      const state = createConvoyState({
        convoy,
        inputs: { files: ["src/a.ts"] },
        cwd: repo,
        runtime,
        dirFor: store.convoyDir,
      });
      const started = performance.now();
      const final = await runConvoy(state, { launcher, store, stopPollMs: 250 });
      const wall = performance.now() - started;
      if (final.status !== "completed") throw new Error(`run ${i + 1} ended ${final.status}`);
      walls.push(wall);
      // The same ratio with each agent's own measured time (process start-up included): what the engine adds.
      const slowest = Math.max(
        took(final, "correctness"),
        took(final, "security"),
        took(final, "performance"),
      );
      measured.push((slowest + took(final, "synthesis")) / wall);
    }
    const wall = median(walls);
    console.log(
      `${runtime.padEnd(9)} ${seconds(wall).padStart(13)}  ${(ideal / wall).toFixed(3).padStart(10)}  ${(sequential / wall).toFixed(2).padStart(7)}x  ${median(measured).toFixed(3).padStart(29)}  (${walls.map((w) => (ideal / w).toFixed(2)).join(" ")})`,
    );
  }
} finally {
  rmSync(root, { recursive: true, force: true });
}
