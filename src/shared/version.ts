// Drover's version, read from its package.json (found upward from this file, so it works from src/ and dist/).
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** Drover's package.json, parsed: read once, at the first import (every serverless cold start). */
function readPackageJson(): { name: string; version: string } {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, "package.json");
    if (existsSync(candidate)) {
      const parsed = JSON.parse(readFileSync(candidate, "utf8"));
      if (parsed.name === "drover") return parsed;
    }
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error(`Drover's package.json was not found above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

export const version: string = readPackageJson().version;
