// The runner as a service that starts at login and comes back after a crash: a systemd user unit on Linux, a
// launchd agent on macOS. Agents live in the runner's tmux server, which must survive a restart of the daemon:
// systemd kills only the main process (KillMode=process), launchd leaves the process group (AbandonProcessGroup).
import { homedir } from "node:os";
import { join } from "node:path";
import { refusedExitCode } from "../daemon/daemon.js";

export type ServicePlatform = "systemd" | "launchd";

export interface ServiceSpec {
  node: string;
  droverBin: string;
  /** Variables the service needs that a login session would have (PATH, where config and data live). */
  env: Record<string, string>;
  home?: string;
  configHome?: string;
}

export const launchdLabel = "dev.drover.runner";
export const systemdUnitName = "drover-runner.service";

export function serviceFile(platform: ServicePlatform, spec: ServiceSpec): string {
  const home = spec.home ?? homedir();
  if (platform === "systemd")
    return join(spec.configHome || join(home, ".config"), "systemd", "user", systemdUnitName);
  return join(home, "Library", "LaunchAgents", `${launchdLabel}.plist`);
}

export function systemdUnit(spec: ServiceSpec): string {
  const quote = (v: string) => `"${v.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`;
  return [
    "[Unit]",
    "Description=Drover runner: runs coding agents for a Drover app",
    "After=network-online.target",
    "Wants=network-online.target",
    "",
    "[Service]",
    "Type=simple",
    `ExecStart=${quote(spec.node)} ${quote(spec.droverBin)} runner start`,
    "Restart=on-failure",
    "RestartSec=5",
    // A refused token will not get better by restarting.
    `RestartPreventExitStatus=${refusedExitCode}`,
    // Agents run in the runner's tmux server; stopping or restarting the daemon must not kill them.
    "KillMode=process",
    ...Object.entries(spec.env).map(([k, v]) => `Environment=${quote(`${k}=${v}`)}`),
    "",
    "[Install]",
    "WantedBy=default.target",
    "",
  ].join("\n");
}

export function launchdPlist(spec: ServiceSpec): string {
  const home = spec.home ?? homedir();
  const xml = (v: string) => v.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
  const log = join(home, "Library", "Logs", "drover-runner.log");
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">',
    '<plist version="1.0">',
    "<dict>",
    `  <key>Label</key><string>${launchdLabel}</string>`,
    "  <key>ProgramArguments</key>",
    "  <array>",
    ...[spec.node, spec.droverBin, "runner", "start"].map((a) => `    <string>${xml(a)}</string>`),
    "  </array>",
    "  <key>RunAtLoad</key><true/>",
    "  <key>KeepAlive</key><dict><key>SuccessfulExit</key><false/></dict>",
    "  <key>ThrottleInterval</key><integer>5</integer>",
    "  <key>AbandonProcessGroup</key><true/>",
    "  <key>ProcessType</key><string>Background</string>",
    "  <key>EnvironmentVariables</key>",
    "  <dict>",
    ...Object.entries(spec.env).map(([k, v]) => `    <key>${xml(k)}</key><string>${xml(v)}</string>`),
    "  </dict>",
    `  <key>StandardOutPath</key><string>${xml(log)}</string>`,
    `  <key>StandardErrorPath</key><string>${xml(log)}</string>`,
    "</dict>",
    "</plist>",
    "",
  ].join("\n");
}
