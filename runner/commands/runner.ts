// `drover runner …`: register this machine as a runner, run or install its daemon, and look after its agents.
import type { Command } from "commander";
import { registerRunnerAdminCommands } from "./runner-admin.js";
import { registerRunnerAttachCommand } from "./runner-attach.js";
import { registerRunnerInstallCommands } from "./runner-install.js";
import { registerRunnerRegisterCommand } from "./runner-register.js";
import { registerRunnerSessionCommands } from "./runner-sessions.js";
import { registerRunnerStartCommand } from "./runner-start.js";
import { registerRunnerStatusCommand } from "./runner-status.js";

export function registerRunnerCommand(program: Command): void {
  const runner = program
    .command("runner")
    .description(
      "Run agents on this machine for a Drover app: register, start, install, and manage sessions",
    );
  registerRunnerRegisterCommand(runner);
  registerRunnerStartCommand(runner);
  registerRunnerStatusCommand(runner);
  registerRunnerSessionCommands(runner);
  registerRunnerAttachCommand(runner);
  registerRunnerInstallCommands(runner);
  registerRunnerAdminCommands(runner);
}
