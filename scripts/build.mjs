// Builds what `npx drover` and the runner run: every TypeScript file under src/ and runner/ transpiled
// one-to-one into dist/ (no bundling, so stack traces and imports match the source), plus the data files
// (templates, price tables) those folders carry. Type checking is `npm run typecheck`, not the build.
import { cpSync, readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";

const roots = ["src", "runner"];
const out = "dist";

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

rmSync(out, { recursive: true, force: true });
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
