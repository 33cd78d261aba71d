// Desktop notifications for the runner's notify jobs, through what the OS has: notify-send on Linux (a click
// on "Open" runs xdg-open on the link), terminal-notifier or osascript on macOS. Without any, the job still
// completes, saying why nothing was shown.
import { spawn } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";
import type { RunnerJob } from "../../src/protocol/jobs.js";
import type { Logger } from "../../src/shared/logger.js";

type NotifyJob = Extract<RunnerJob, { kind: "notify" }>;

export interface DesktopNotifier {
  /** What happened, for the job's note. */
  show(job: NotifyJob): Promise<string>;
}

export function findOnPath(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const dir of (env.PATH ?? "").split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

export function createDesktopNotifier(log: Logger, env: NodeJS.ProcessEnv = process.env): DesktopNotifier {
  let warned = false;
  return {
    async show(job) {
      const notifySend = findOnPath("notify-send", env);
      if (notifySend) return showWithNotifySend(notifySend, job, log, env);
      if (process.platform === "darwin") {
        const terminalNotifier = findOnPath("terminal-notifier", env);
        if (terminalNotifier) {
          const args = [
            "-title",
            "Drover",
            "-subtitle",
            job.title,
            "-message",
            job.body,
            ...(job.url ? ["-open", job.url] : []),
          ];
          await run(terminalNotifier, args);
          return "shown with terminal-notifier";
        }
        const osascript = findOnPath("osascript", env);
        if (osascript) {
          const script = `display notification ${appleString(job.body)} with title "Drover" subtitle ${appleString(job.title)}`;
          await run(osascript, ["-e", script]);
          return `shown with osascript${job.url ? " (a click cannot open the link there; install terminal-notifier for that)" : ""}`;
        }
      }
      if (!warned) {
        warned = true;
        log.warn(
          "no desktop notifier found (notify-send on Linux, terminal-notifier or osascript on macOS); desktop notifications are skipped",
        );
      }
      return "not shown: this machine has no desktop notifier (install notify-send, or terminal-notifier on macOS)";
    },
  };
}

async function showWithNotifySend(
  bin: string,
  job: NotifyJob,
  log: Logger,
  env: NodeJS.ProcessEnv,
): Promise<string> {
  const urgency = job.priority === "urgent" ? "critical" : job.priority === "info" ? "low" : "normal";
  const base = ["--app-name=Drover", `--urgency=${urgency}`];
  if (!job.url) {
    await run(bin, [...base, job.title, job.body]);
    return "shown with notify-send";
  }
  // --action makes notify-send wait for the click and print the action's name; it stays in the background.
  const child = spawn(bin, [...base, "--action=open=Open", job.title, job.body], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.setEncoding("utf8").on("data", (c: string) => {
    output += c;
    if (output.split("\n").some((line) => line.trim() === "open")) {
      output = "";
      const opener = findOnPath("xdg-open", env);
      if (opener) spawn(opener, [job.url!], { stdio: "ignore", detached: true }).unref();
    }
  });
  const early = await new Promise<number | null | "running">((resolve) => {
    const timer = setTimeout(() => resolve("running"), 1_000);
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve(code);
    });
    child.once("error", () => {
      clearTimeout(timer);
      resolve(1);
    });
  });
  if (early === "running" || early === 0) {
    // Whatever happens to the notification later, the runner does not wait on it.
    setTimeout(() => child.kill(), 10 * 60_000).unref();
    child.unref();
    return "shown with notify-send (Open opens the link)";
  }
  // An older notify-send without --action: show it with the link in the text instead.
  log.info("notify-send does not support --action; the link goes into the text");
  await run(bin, [...base, job.title, `${job.body}\n${job.url}`]);
  return "shown with notify-send (the link is in the text)";
}

function run(bin: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr += c));
    child.once("error", reject);
    child.once("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`${bin} failed (exit ${code}): ${stderr.trim()}`)),
    );
  });
}

function appleString(text: string): string {
  return `"${text.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`;
}
