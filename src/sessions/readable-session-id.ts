// A session id people can read in logs and commands: the repo's name, the issue's key and a random suffix
// (`web-42-3f9a1c`, `web-eng-12-b07d2e`).
import { randomBytes } from "node:crypto";

export function readableSessionId(repo: string, issueKey: string): string {
  const name = repo
    .split("/")[1]!
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-");
  return `${name}-${issueKey.toLowerCase()}-${randomBytes(3).toString("hex")}`;
}
