// Drover's version, read from its package.json (found upward from this file, so it works from src/ and dist/).
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

function findPackageJson(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, "package.json");
    if (existsSync(candidate) && JSON.parse(readFileSync(candidate, "utf8")).name === "drover")
      return candidate;
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error(`Drover's package.json was not found above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

export const version: string = JSON.parse(readFileSync(findPackageJson(), "utf8")).version;
