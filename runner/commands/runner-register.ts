// `drover runner register`: trades the app's registration token for this runner's own token and writes the
// runner's config (mode 0600) with the repos it has checked out.
import { existsSync } from "node:fs";
import { hostname } from "node:os";
import { resolve } from "node:path";
import type { Command } from "commander";
import { repoNameSchema } from "../../src/protocol/repo-name.js";
import { protocolVersion } from "../../src/protocol/version.js";
import { version } from "../../src/shared/version.js";
import { runnerConfigPath } from "../config/paths.js";
import { loadRunnerConfig, saveRunnerConfig } from "../config/runner-config.js";
import { AppCallError, registerRunner } from "../daemon/app-client.js";
import { CliError, exitCodes } from "../exit-codes.js";
import { git } from "../workspaces/git.js";

interface RegisterOptions {
  server: string;
  token: string;
  name: string;
  repo: string[];
  capacity: string;
  json?: boolean;
}

export function registerRunnerRegisterCommand(runner: Command): void {
  runner
    .command("register")
    .description("Register this machine with a Drover app and say which repos it has checked out where")
    .requiredOption("--server <url>", "the app's URL, e.g. http://localhost:3000")
    .requiredOption("--token <token>", "the app's registration token (DROVER_REGISTRATION_TOKEN)")
    .option("--name <name>", "a name for this runner", hostname())
    .option("--repo <owner/name=path>", "a repo and its local checkout (repeat for more)", collect, [])
    .option("--capacity <n>", "agents to run at once", "2")
    .option("--json", "print the result as JSON")
    .action(async (options: RegisterOptions) => {
      const server = parseServer(options.server);
      const repos = await parseRepos(options.repo);
      const capacity = Number(options.capacity);
      if (!Number.isInteger(capacity) || capacity < 1 || capacity > 100)
        throw new CliError(
          `--capacity must be a whole number from 1 to 100, got "${options.capacity}"`,
          exitCodes.usage,
        );
      let reply: Awaited<ReturnType<typeof registerRunner>>;
      try {
        reply = await registerRunner(server, options.token, {
          protocol: protocolVersion,
          name: options.name,
          repos: Object.keys(repos),
          capacity,
          platform: `${process.platform}-${process.arch}`,
          version,
        });
      } catch (error) {
        if (error instanceof AppCallError) throw new CliError(`Registration failed: ${error.message}`);
        throw error;
      }
      const path = runnerConfigPath();
      // Re-registering keeps the tuning a user set by hand.
      const previous = existsSync(path) ? safeLoad() : undefined;
      saveRunnerConfig(
        {
          version: 1,
          server,
          runnerId: reply.runnerId,
          token: reply.token,
          name: reply.name,
          capacity,
          repos,
          ...(previous
            ? { tmuxSocket: previous.tmuxSocket, tuning: previous.tuning, agents: previous.agents }
            : {}),
        },
        path,
      );
      if (options.json) {
        console.log(
          JSON.stringify(
            { runnerId: reply.runnerId, name: reply.name, server, repos, config: path },
            null,
            2,
          ),
        );
        return;
      }
      console.log(`Registered runner "${reply.name}" (${reply.runnerId}) with ${server}.`);
      console.log(`Repos: ${Object.keys(repos).join(", ") || "none yet (add --repo owner/name=path)"}`);
      console.log(`Config (with its token, mode 0600): ${path}`);
      console.log("Next: `drover runner start` runs it here; `drover runner install` makes it a service.");
    });
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function safeLoad() {
  try {
    return loadRunnerConfig();
  } catch {
    return undefined;
  }
}

function parseServer(text: string): string {
  try {
    const url = new URL(text);
    if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error("not http");
    return url.toString().replace(/\/+$/, "");
  } catch {
    throw new CliError(`--server must be the app's http(s) URL, got "${text}"`, exitCodes.usage);
  }
}

async function parseRepos(specs: string[]): Promise<Record<string, string>> {
  const repos: Record<string, string> = {};
  for (const spec of specs) {
    const at = spec.indexOf("=");
    const name = spec.slice(0, at);
    if (at < 0 || !repoNameSchema.safeParse(name).success)
      throw new CliError(
        `--repo must be owner/name=path, e.g. acme/web=~/src/web; got "${spec}"`,
        exitCodes.usage,
      );
    const path = resolve(spec.slice(at + 1));
    try {
      const top = (await git(path, ["rev-parse", "--show-toplevel"])).trim();
      repos[name] = top;
    } catch {
      throw new CliError(`--repo ${name}: ${path} is not a git checkout`, exitCodes.usage);
    }
  }
  return repos;
}
