// Structured logs (pino, as Probot uses). Secrets are redacted by key wherever they appear in a log object.
import pino, { type Logger } from "pino";

const secretKeys = ["token", "secret", "password", "privateKey", "authorization", "apiKey", "cookie"];

export const redactPaths = secretKeys.flatMap((key) => [
  key,
  `*.${key}`,
  `*.*.${key}`,
  `headers.${key}`,
  `req.headers.${key}`,
]);

export function createLogger(level = "info", destination?: pino.DestinationStream): Logger {
  return pino({ level, redact: { paths: redactPaths, censor: "[redacted]" } }, destination);
}

export type { Logger };
