// `drover runner install | uninstall`: the runner as a user service (systemd on Linux, launchd on macOS) that
// starts at login and restarts after a crash; --dry-run prints the unit and the commands instead.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { Command } from "commander";
import { loadRunnerConfig } from "../config/runner-config.js";
import { installPaths } from "../daemon/install-paths.js";
import { CliError, exitCodes } from "../exit-codes.js";
import {
  launchdLabel,
  launchdPlist,
  type ServicePlatform,
  type ServiceSpec,
  serviceFile,
  systemdUnit,
  systemdUnitName,
} from "../service/service-unit.js";

interface InstallOptions {
  dryRun?: boolean;
  platform?: string;
  start: boolean;
}

export function registerRunnerInstallCommands(runner: Command): void {
  runner
    .command("install")
    .description(
      "Install the runner as a user service: systemd on Linux, launchd on macOS (starts at login, restarts on crash)",
    )
    .option("--dry-run", "print the service file and the commands, change nothing")
    .option("--platform <systemd|launchd>", "which service manager (default: this machine's)")
    .option("--no-start", "write and enable the service without starting it now")
    .action((options: InstallOptions) => {
      loadRunnerConfig(); // a service without a registration would only fail at start
      const platform = pickPlatform(options.platform);
      const spec = currentSpec();
      const file = serviceFile(platform, spec);
      const content = platform === "systemd" ? systemdUnit(spec) : launchdPlist(spec);
      const commands =
        platform === "systemd"
          ? [
              ["systemctl", "--user", "daemon-reload"],
              ["systemctl", "--user", "enable", ...(options.start ? ["--now"] : []), systemdUnitName],
            ]
          : [["launchctl", "bootstrap", `gui/${process.getuid?.() ?? 501}`, file]];
      if (options.dryRun) {
        console.log(`# would write ${file}`);
        console.log(content);
        for (const command of commands) console.log(`# would run: ${command.join(" ")}`);
        return;
      }
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, content, { mode: 0o644 });
      console.log(`Wrote ${file}`);
      for (const command of commands) run(command);
      console.log(
        platform === "systemd"
          ? `The runner is a service now: \`systemctl --user status ${systemdUnitName}\`, logs with \`journalctl --user -u ${systemdUnitName}\`. To keep it running when you are logged out: \`loginctl enable-linger\`.`
          : `The runner is a launchd agent now (${launchdLabel}); logs in ~/Library/Logs/drover-runner.log.`,
      );
    });

  runner
    .command("uninstall")
    .description("Stop the runner service and remove it (agents already running keep running)")
    .option("--dry-run", "print what would be done, change nothing")
    .option("--platform <systemd|launchd>", "which service manager (default: this machine's)")
    .action((options: { dryRun?: boolean; platform?: string }) => {
      const platform = pickPlatform(options.platform);
      const file = serviceFile(platform, currentSpec());
      const commands =
        platform === "systemd"
          ? [
              ["systemctl", "--user", "disable", "--now", systemdUnitName],
              ["systemctl", "--user", "daemon-reload"],
            ]
          : [["launchctl", "bootout", `gui/${process.getuid?.() ?? 501}/${launchdLabel}`]];
      if (options.dryRun) {
        for (const command of commands) console.log(`# would run: ${command.join(" ")}`);
        console.log(`# would remove ${file}`);
        return;
      }
      if (!existsSync(file)) throw new CliError(`No runner service is installed (${file} does not exist).`);
      // Stop first, then forget: a unit removed while running cannot be stopped by name any more.
      run(commands[0]!);
      rmSync(file, { force: true });
      for (const command of commands.slice(1)) run(command);
      console.log(`Removed ${file}`);
    });
}

function pickPlatform(requested: string | undefined): ServicePlatform {
  if (requested === "systemd" || requested === "launchd") return requested;
  if (requested !== undefined)
    throw new CliError(`--platform must be systemd or launchd, got "${requested}"`, exitCodes.usage);
  if (process.platform === "darwin") return "launchd";
  if (process.platform === "linux") return "systemd";
  throw new CliError(
    `No service manager support on ${process.platform}; run \`drover runner start\` instead.`,
  );
}

function currentSpec(): ServiceSpec {
  const env: Record<string, string> = { PATH: process.env.PATH ?? "/usr/local/bin:/usr/bin:/bin" };
  // Where this runner's config and data are, if not the defaults; secrets (API keys) belong in runner.env.
  for (const name of ["DROVER_CONFIG_DIR", "DROVER_DATA_DIR", "XDG_CONFIG_HOME", "XDG_DATA_HOME"]) {
    const value = process.env[name]?.trim();
    if (value) env[name] = value;
  }
  return {
    node: process.execPath,
    droverBin: installPaths.droverBin,
    env,
    ...(process.env.XDG_CONFIG_HOME ? { configHome: process.env.XDG_CONFIG_HOME } : {}),
  };
}

function run(command: string[]): void {
  const result = spawnSync(command[0]!, command.slice(1), { encoding: "utf8" });
  if (result.error)
    throw new CliError(
      `${command[0]} is not available (${(result.error as NodeJS.ErrnoException).code}); run \`${command.join(" ")}\` yourself.`,
    );
  if (result.status !== 0)
    throw new CliError(
      `\`${command.join(" ")}\` failed (exit ${result.status}): ${(result.stderr || result.stdout).trim()}`,
    );
}
