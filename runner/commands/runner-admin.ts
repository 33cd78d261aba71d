// Admin commands against the app, authorised by its registration token: list and revoke runners, and start a
// session by hand (a local `drover serve` has no GitHub App to start them from).
import type { Command } from "commander";
import { z } from "zod";
import { agentNames } from "../../src/config/repo-config.js";
import { runnersResponseSchema, startSessionResponseSchema } from "../../src/protocol/admin.js";
import { protocolVersion } from "../../src/protocol/version.js";
import { loadRunnerConfig } from "../config/runner-config.js";
import { AppCallError, adminCall } from "../daemon/app-client.js";
import { CliError, exitCodes } from "../exit-codes.js";

interface AdminOptions {
  server?: string;
  token?: string;
  json?: boolean;
}

export function registerRunnerAdminCommands(runner: Command): void {
  const admin = (command: Command) =>
    command
      .option("--server <url>", "the app's URL (default: the one this runner is registered with)")
      .option("--token <token>", "the app's registration token (default: $DROVER_REGISTRATION_TOKEN)")
      .option("--json", "print the result as JSON");

  admin(runner.command("list").description("List the runners registered with the app (admin)")).action(
    async (options: AdminOptions) => {
      const { server, token } = credentials(options);
      const reply = await adminRequest(() =>
        adminCall(server, token, "api/runner/admin/runners", undefined, runnersResponseSchema, "GET"),
      );
      if (options.json) return console.log(JSON.stringify(reply.runners, null, 2));
      for (const r of reply.runners) {
        const seen = new Date(r.lastSeenAt).toISOString();
        console.log(
          `${r.id}  ${r.name}  ${r.revoked ? "REVOKED" : "active"}  last seen ${seen}  ${r.repos.join(", ")}`,
        );
      }
    },
  );

  admin(
    runner.command("revoke").description("Revoke a runner: the app refuses its token from now on (admin)"),
  )
    .argument("<runner-id>", "the runner's id (see `drover runner list`)")
    .action(async (runnerId: string, options: AdminOptions) => {
      const { server, token } = credentials(options);
      const schema = z.object({
        runner: z.object({ id: z.string(), name: z.string(), revoked: z.boolean() }),
      });
      const reply = await adminRequest(() =>
        adminCall(server, token, "api/runner/admin/revoke", { protocol: protocolVersion, runnerId }, schema),
      );
      if (options.json) return console.log(JSON.stringify(reply.runner));
      console.log(
        `Revoked runner ${reply.runner.name} (${reply.runner.id}); the app refuses its token from now on.`,
      );
    });

  admin(
    runner
      .command("spawn")
      .description("Start a session for an issue by hand; a runner with the repo picks it up (admin)"),
  )
    .requiredOption("--repo <owner/name>", "the repository")
    .requiredOption("--issue <number>", "the issue number")
    .requiredOption("--title <title>", "what the agent should do, in a line")
    .option("--body <text>", "more detail for the agent")
    .option("--agent <name>", `the agent: ${agentNames.join(", ")}`, "claude-code")
    .option("--model <model>", "the model for the agent")
    .action(
      async (
        options: AdminOptions & {
          repo: string;
          issue: string;
          title: string;
          body?: string;
          agent: string;
          model?: string;
        },
      ) => {
        const { server, token } = credentials(options);
        const number = Number(options.issue);
        if (!Number.isInteger(number) || number < 1)
          throw new CliError(`--issue must be a number, got "${options.issue}"`, exitCodes.usage);
        const reply = await adminRequest(() =>
          adminCall(
            server,
            token,
            "api/runner/admin/sessions",
            {
              protocol: protocolVersion,
              repo: options.repo,
              issue: { number, title: options.title, ...(options.body ? { body: options.body } : {}) },
              agent: options.agent,
              ...(options.model ? { model: options.model } : {}),
            },
            startSessionResponseSchema,
          ),
        );
        if (options.json) return console.log(JSON.stringify(reply));
        console.log(`Session ${reply.sessionId} is ${reply.state} on branch ${reply.branch}.`);
        if (!reply.runnerAvailable)
          console.log(`No runner has ${options.repo} yet; it starts when one registers with it.`);
      },
    );
}

function credentials(options: AdminOptions): { server: string; token: string } {
  let server = options.server;
  if (!server) {
    try {
      server = loadRunnerConfig().server;
    } catch {
      throw new CliError(
        "Give --server <url> (this machine has no runner registered to take it from).",
        exitCodes.usage,
      );
    }
  }
  const token = options.token ?? process.env.DROVER_REGISTRATION_TOKEN;
  if (!token)
    throw new CliError(
      "Give --token <registration token> or set DROVER_REGISTRATION_TOKEN.",
      exitCodes.usage,
    );
  return { server, token };
}

async function adminRequest<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof AppCallError) throw new CliError(error.message);
    throw error;
  }
}
