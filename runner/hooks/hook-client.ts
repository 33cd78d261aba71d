// Run by Claude Code for every hook the runner installed: passes the hook's JSON (stdin) to the runner daemon
// over its unix socket. It must never hold the agent up or fail it: it gives up after a few seconds, and when
// the daemon is not there (restarting), the payload goes to a spool file the daemon reads when it is back.
// Only node built-ins, so it starts in a few tens of milliseconds.
// Usage: node hook-client.js <socket> <session id> <spool dir>
import { appendFileSync, mkdirSync } from "node:fs";
import { request } from "node:http";
import { join } from "node:path";

const [socketPath, sessionId, spoolDir] = process.argv.slice(2);

function readStdin(): Promise<string> {
  return new Promise((resolve) => {
    let text = "";
    process.stdin.setEncoding("utf8");
    process.stdin.on("data", (chunk) => (text += chunk));
    process.stdin.on("end", () => resolve(text));
    process.stdin.on("error", () => resolve(text));
  });
}

function post(body: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request(
      {
        socketPath,
        path: `/v1/hooks/${encodeURIComponent(sessionId ?? "")}`,
        method: "POST",
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
        timeout: 3_000,
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve((res.statusCode ?? 500) < 500));
      },
    );
    req.on("timeout", () => req.destroy());
    req.on("error", () => resolve(false));
    req.end(body);
  });
}

const body = (await readStdin()).trim();
if (body && socketPath && sessionId && spoolDir && !(await post(body))) {
  try {
    mkdirSync(spoolDir, { recursive: true, mode: 0o700 });
    appendFileSync(
      join(spoolDir, `${sessionId.replace(/[^A-Za-z0-9._-]/g, "-")}.jsonl`),
      `${JSON.stringify({ at: Date.now(), hook: body })}\n`,
    );
  } catch {
    // Nowhere to put it: losing one heartbeat is better than failing the agent's tool call.
  }
}
process.exit(0);
