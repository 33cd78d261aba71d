// Where this Drover installation's own files are (found upward from this module, so it works from dist/ and from
// source), and the `drover` shim the runner puts first on agents' PATH so `drover report` always works there.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { shellQuote } from "../../src/shared/shell-quote.js";

function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, "package.json");
    if (existsSync(candidate) && JSON.parse(readFileSync(candidate, "utf8")).name === "drover") return dir;
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error(`Drover's package.json was not found above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

const root = findRoot();

export const installPaths = {
  root,
  /** The `drover` command users run. */
  droverBin: join(root, "bin", "drover.js"),
  /** The tiny script Claude Code hooks run (built into dist/). */
  hookClient: join(root, "dist", "runner", "hooks", "hook-client.js"),
  /** `drover report` on its own (built into dist/), which starts much faster than the whole CLI. */
  reportCli: join(root, "dist", "runner", "report-cli.js"),
};

/** Writes `<bin dir>/drover` running this installation with this Node, and returns the folder for PATH. */
export function writeDroverShim(binDir: string): string {
  mkdirSync(binDir, { recursive: true, mode: 0o700 });
  const shim = join(binDir, "drover");
  const node = shellQuote(process.execPath);
  const content = [
    "#!/bin/sh",
    `if [ "$1" = report ] && [ -f ${shellQuote(installPaths.reportCli)} ]; then exec ${node} ${shellQuote(installPaths.reportCli)} "$@"; fi`,
    `exec ${node} ${shellQuote(installPaths.droverBin)} "$@"`,
    "",
  ].join("\n");
  if (!existsSync(shim) || readFileSync(shim, "utf8") !== content)
    writeFileSync(shim, content, { mode: 0o755 });
  return binDir;
}

/** The command line a Claude Code hook runs for one session. */
export function hookCommand(socket: string, sessionId: string, spoolDir: string): string {
  return [process.execPath, installPaths.hookClient, socket, sessionId, spoolDir].map(shellQuote).join(" ");
}
