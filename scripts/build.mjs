// Builds what `npx drover` and the runner run: every TypeScript file under src/ and runner/ transpiled
// one-to-one into dist/ (no bundling, so stack traces and imports match the source), plus the data files
// (templates, price tables) those folders carry. Type checking is `npm run typecheck`, not the build.
// dist/ is updated in place (stale files removed afterwards), never deleted first: another process may be
// running the CLI from it while a build runs.
import { cpSync, existsSync, readdirSync, rmSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { build } from "esbuild";

const roots = ["src", "runner"];
const out = "dist";

function walk(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

const files = roots.flatMap(walk);
const sources = files.filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"));
const data = files.filter((f) => /\.(md|json|ya?ml|txt)$/.test(f));

await build({
  entryPoints: sources,
  outdir: out,
  outbase: ".",
  format: "esm",
  platform: "node",
  target: "node20",
  sourcemap: "linked",
  logLevel: "warning",
});
for (const file of data) cpSync(file, join(out, file));

const expected = new Set([
  ...sources.flatMap((f) => [f.replace(/\.ts$/, ".js"), f.replace(/\.ts$/, ".js.map")]),
  ...data,
]);
for (const file of walk(out)) {
  if (!expected.has(relative(out, file))) rmSync(file);
}
