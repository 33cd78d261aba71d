// Builds action/dist, the bundle GitHub runs (`node action/dist/index.js`): esbuild turns action/src/main.ts and
// the TypeScript it imports into one ES module (types stripped, npm packages left as imports), then @vercel/ncc
// bundles those packages in with their licenses; the built-in templates go beside it, and a record of what it
// was built from. Run: `node_modules/.bin/tsx action/src/build/build-dist.ts` (a test fails when it is stale).
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { build } from "esbuild";
import {
  actionDist,
  distInputsHash,
  entry,
  fileHash,
  recordFile,
  repoRoot,
  templatesDir,
} from "./dist-inputs-hash.js";

interface NccOutput {
  code: string;
  assets: Record<string, { source: string | Buffer; permissions?: number }>;
}
type Ncc = (input: string, options: Record<string, unknown>) => Promise<NccOutput>;

// ncc is CommonJS without types; loaded the way it documents.
const ncc = createRequire(import.meta.url)("@vercel/ncc") as Ncc;

// ncc's own TypeScript pass either type-checks the whole repository (and fails on any file in it) or, with
// transpile-only, emits CommonJS for our ES modules; esbuild strips the types instead. The stage lives inside
// the repository so ncc resolves node_modules from it.
const stage = join(repoRoot, "action", ".stage");
rmSync(stage, { recursive: true, force: true });
try {
  await build({
    entryPoints: [entry],
    outfile: join(stage, "main.js"),
    bundle: true,
    packages: "external",
    format: "esm",
    platform: "node",
    target: "node20",
    logLevel: "warning",
  });
  const { code, assets } = await ncc(join(stage, "main.js"), {
    esm: true,
    cache: false,
    minify: false,
    sourceMap: false,
    quiet: true,
    license: "licenses.txt",
    target: "es2022",
  });
  rmSync(actionDist, { recursive: true, force: true });
  mkdirSync(actionDist, { recursive: true });
  writeFileSync(join(actionDist, "index.js"), code);
  for (const [name, asset] of Object.entries(assets)) {
    mkdirSync(dirname(join(actionDist, name)), { recursive: true });
    writeFileSync(join(actionDist, name), asset.source, asset.permissions ? { mode: asset.permissions } : {});
  }
} finally {
  rmSync(stage, { recursive: true, force: true });
}
// Beside the bundle, where template-sources.ts looks for the built-ins.
cpSync(templatesDir, join(actionDist, "templates"), { recursive: true });
const inputs = await distInputsHash();
const record = {
  inputsHash: inputs.hash,
  inputFiles: inputs.files,
  indexHash: fileHash(join(actionDist, "index.js")),
};
writeFileSync(recordFile, `${JSON.stringify(record, null, 2)}\n`);
const size = Math.round(readFileSync(join(actionDist, "index.js")).length / 1024);
console.log(`built action/dist/index.js (${size} KB) from ${inputs.files} files`);
