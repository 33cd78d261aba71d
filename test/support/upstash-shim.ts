// A small HTTP server that speaks the Upstash Redis REST protocol to a real redis-server, so the store's
// Upstash client (the real @upstash/redis SDK) is tested end to end without the network:
//   POST /             ["CMD", ...args]       → {result} | 400 {error}
//   POST /pipeline     [["CMD", ...args], …]  → [{result} | {error}, …]   (in order, not atomic)
//   POST /multi-exec   [["CMD", ...args], …]  → [{result} | {error}, …]   (MULTI … EXEC, atomic)
// with the token checked as "Authorization: Bearer <token>". With "Upstash-Encoding: base64" every string
// in a reply is base64 of its bytes, except a top-level "OK"; integers stay numbers and nil is null.
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Redis } from "ioredis";

export interface UpstashShim {
  url: string;
  token: string;
  /** HTTP requests answered so far (each is one round trip for the client). */
  requests: number;
  close(): Promise<void>;
}

type Command = (string | number | boolean)[];
type CommandReply = { result: unknown } | { error: string };

class RequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** What a command returned, as the REST API encodes it. */
function encodeReply(value: unknown, base64: boolean, topLevel: boolean): unknown {
  if (Buffer.isBuffer(value)) {
    if (!base64) return value.toString("utf8");
    // The SDK keeps a top-level "OK" as is but base64-decodes every string inside an array, so only the
    // top-level one may go out plain; inside arrays "OK" is encoded like any other string.
    if (topLevel && value.toString("latin1") === "OK") return "OK";
    return value.toString("base64");
  }
  if (Array.isArray(value)) return value.map((item) => encodeReply(item, base64, false));
  if (value === null || typeof value === "number") return value;
  throw new Error(`unexpected reply from redis-server: ${String(value)}`);
}

function parseCommand(value: unknown): [string, string[]] {
  if (!Array.isArray(value) || value.length === 0 || typeof value[0] !== "string") {
    throw new RequestError(400, "ERR a command is a non-empty JSON array starting with its name");
  }
  const [name, ...args] = value as Command;
  for (const arg of args) {
    if (!["string", "number", "boolean"].includes(typeof arg)) {
      throw new RequestError(
        400,
        `ERR command arguments must be strings or numbers, got ${JSON.stringify(arg)}`,
      );
    }
  }
  return [name as string, args.map(String)];
}

function parseCommands(value: unknown): [string, string[]][] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new RequestError(400, "ERR a pipeline is a non-empty JSON array of commands");
  }
  return value.map(parseCommand);
}

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    throw new RequestError(400, "ERR the request body is not JSON");
  }
}

export async function startUpstashShim(options: { redisUrl: string; token?: string }): Promise<UpstashShim> {
  const token = options.token ?? randomBytes(16).toString("hex");
  // RESP2 like Upstash, and Buffers so strings reach the client byte for byte.
  const redis = new Redis(options.redisUrl, { protocol: 2, maxRetriesPerRequest: 1 });
  const shim = { requests: 0 };

  const run = async ([name, args]: [string, string[]], base64: boolean): Promise<CommandReply> => {
    try {
      return { result: encodeReply(await redis.callBuffer(name, ...args), base64, true) };
    } catch (error) {
      return { error: (error as Error).message };
    }
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    if (request.method !== "POST") throw new RequestError(405, "ERR only POST is supported");
    if (request.headers.authorization !== `Bearer ${token}`) throw new RequestError(401, "Unauthorized");
    const base64 = String(request.headers["upstash-encoding"] ?? "").toLowerCase() === "base64";
    const body = await readBody(request);
    const path = new URL(request.url ?? "/", "http://shim").pathname.replace(/\/+$/, "");
    let reply: unknown;
    if (path === "") {
      const result = await run(parseCommand(body), base64);
      if ("error" in result) throw new RequestError(400, result.error);
      reply = result;
    } else if (path === "/pipeline") {
      reply = [];
      for (const command of parseCommands(body)) (reply as unknown[]).push(await run(command, base64));
    } else if (path === "/multi-exec") {
      const multi = redis.multi();
      for (const [name, args] of parseCommands(body)) multi.callBuffer(name, ...args);
      let results: [Error | null, unknown][] | null;
      try {
        results = await multi.exec();
      } catch (error) {
        throw new RequestError(400, (error as Error).message);
      }
      if (results === null) throw new RequestError(400, "ERR transaction aborted");
      reply = results.map(([error, result]) =>
        error ? { error: error.message } : { result: encodeReply(result, base64, true) },
      );
    } else {
      throw new RequestError(404, `ERR unknown path ${path}`);
    }
    response.writeHead(200, { "content-type": "application/json" });
    response.end(JSON.stringify(reply));
  };

  const server = createServer((request, response) => {
    shim.requests += 1;
    handle(request, response).catch((error: Error) => {
      const status = error instanceof RequestError ? error.status : 500;
      response.writeHead(status, { "content-type": "application/json" });
      response.end(JSON.stringify({ error: error.message }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    token,
    get requests() {
      return shim.requests;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
      await redis.quit();
    },
  };
}
