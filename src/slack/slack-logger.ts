// Bolt and the Slack Web API client log through this, so their lines land in Drover's pino log (with its
// secret redaction) instead of on the console.
import { type Logger as BoltLogger, LogLevel } from "@slack/bolt";
import type { Logger } from "../shared/logger.js";

const fromPino: Record<string, LogLevel> = {
  trace: LogLevel.DEBUG,
  debug: LogLevel.DEBUG,
  info: LogLevel.INFO,
  warn: LogLevel.WARN,
  error: LogLevel.ERROR,
  fatal: LogLevel.ERROR,
};

function text(parts: unknown[]): string {
  return parts.map((part) => (part instanceof Error ? part.message : String(part))).join(" ");
}

export function slackLogger(log: Logger): BoltLogger {
  const child = log.child({ component: "slack" });
  let level: LogLevel = fromPino[log.level] ?? LogLevel.INFO;
  return {
    debug: (...parts: unknown[]) => child.debug(text(parts)),
    info: (...parts: unknown[]) => child.info(text(parts)),
    warn: (...parts: unknown[]) => child.warn(text(parts)),
    error: (...parts: unknown[]) => child.error(text(parts)),
    // Levels are pino's business; these only keep Bolt's bookkeeping consistent.
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
