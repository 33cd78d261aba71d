// A runner's credential: `<runner id>.<secret>`. The app keeps only the secret's sha256, so a leaked store
// reveals no token.
import { createHash } from "node:crypto";

export interface RunnerToken {
  runnerId: string;
  secret: string;
}

const tokenPattern = /^(runner_[a-z0-9]{4,64})\.([A-Za-z0-9_-]{16,128})$/;

export function formatRunnerToken(token: RunnerToken): string {
  return `${token.runnerId}.${token.secret}`;
}

/** The token's parts, or undefined when it is not a runner token at all. */
export function parseRunnerToken(text: string): RunnerToken | undefined {
  const match = tokenPattern.exec(text.trim());
  return match ? { runnerId: match[1]!, secret: match[2]! } : undefined;
}

export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}
