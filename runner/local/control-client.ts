// Talks to a running daemon over its unix socket (the local control API).
import { request } from "node:http";

export class DaemonUnreachable extends Error {
  constructor(readonly socket: string) {
    super(`no runner daemon answers on ${socket}`);
    this.name = "DaemonUnreachable";
  }
}

export class DaemonRefused extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "DaemonRefused";
  }
}

export function callDaemon<T = unknown>(
  socket: string,
  method: "GET" | "POST",
  path: string,
  body?: unknown,
  timeoutMs = 120_000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const text = body === undefined ? undefined : JSON.stringify(body);
    const req = request(
      {
        socketPath: socket,
        path,
        method,
        headers:
          text === undefined
            ? {}
            : { "content-type": "application/json", "content-length": Buffer.byteLength(text) },
        timeout: timeoutMs,
      },
      (res) => {
        let data = "";
        res.setEncoding("utf8");
        res.on("data", (c) => (data += c));
        res.on("end", () => {
          let json: unknown;
          try {
            json = data ? JSON.parse(data) : undefined;
          } catch {
            return reject(
              new DaemonRefused(res.statusCode ?? 500, `the daemon answered something that is not JSON`),
            );
          }
          if ((res.statusCode ?? 500) >= 400)
            return reject(
              new DaemonRefused(
                res.statusCode ?? 500,
                (json as { error?: string })?.error ?? `HTTP ${res.statusCode}`,
              ),
            );
          resolve(json as T);
        });
      },
    );
    req.on("timeout", () => req.destroy(new Error(`the daemon did not answer within ${timeoutMs} ms`)));
    req.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT" || error.code === "ECONNREFUSED") reject(new DaemonUnreachable(socket));
      else reject(error);
    });
    req.end(text);
  });
}
