// A fingerprint of everything action/dist is built from: every source file the bundle pulls in (found by an
// esbuild pass that only resolves, well under a second), the built-in templates it ships, the build scripts and
// the bundler's version. The build records it; a test recomputes it to catch a stale action/dist fast.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { build } from "esbuild";

export const repoRoot = resolve(import.meta.dirname, "../../..");
export const actionDist = join(repoRoot, "action", "dist");
export const entry = join(repoRoot, "action", "src", "main.ts");
export const templatesDir = join(repoRoot, "src", "convoy", "templates");
export const recordFile = join(actionDist, "build-inputs.json");

export async function distInputsHash(): Promise<{ hash: string; files: number }> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    metafile: true,
    platform: "node",
    format: "esm",
    target: "node20",
    logLevel: "silent",
  });
  const inputs = Object.keys(result.metafile.inputs).map((p) => resolve(repoRoot, p));
  const files = [
    ...inputs,
    ...walk(templatesDir),
    join(import.meta.dirname, "build-dist.ts"),
    join(import.meta.dirname, "dist-inputs-hash.ts"),
    join(repoRoot, "node_modules", "@vercel", "ncc", "package.json"),
  ];
  const unique = [...new Set(files)].sort();
  const hash = createHash("sha256");
  for (const file of unique) {
    hash.update(relative(repoRoot, file)).update("\0").update(readFileSync(file)).update("\0");
  }
  return { hash: hash.digest("hex"), files: unique.length };
}

export function fileHash(path: string): string {
  return createHash("sha256").update(readFileSync(path)).digest("hex");
}

export function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}
