// A scripted stand-in for the Anthropic Messages API on loopback, so the real Claude Code CLI runs offline in
// tests: each script answers its agent's requests turn by turn, and every request is logged for assertions.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { z } from "zod";
import {
  anthropicId,
  type BuiltMessage,
  buildMessage,
  encodeEvent,
  estimateTokens,
  messageEvents,
  messageJson,
  type Usage,
} from "./model-messages.js";
import { type PlannedResponse, scriptSchema, type Turn, takeNextResponse } from "./model-script.js";
import { ModelServerError } from "./model-server-error.js";

export type { Turn } from "./model-script.js";
export { ModelServerError } from "./model-server-error.js";

/** What a request was for: a scripted agent turn, a side request of the CLI, or something unexpected. */
export type RequestKind = "turn" | "side" | "count_tokens" | "probe" | "unexpected";

export interface SeenRequest {
  seq: number;
  method: string;
  /** Path without the script prefix, e.g. `/v1/messages?beta=true`. */
  path: string;
  script: string;
  kind: RequestKind;
  /** Request headers; x-api-key and authorization are redacted. */
  headers: Record<string, string>;
  /** The parsed JSON body, or null when there was none. */
  body: MessagesRequest | null;
  response: {
    /** 0 while the answer is pending; 499 when the client hung up first. */
    status: number;
    requestId: string;
    message?: BuiltMessage;
    exhausted?: boolean;
    /** Why the server answered with an error (a bad script, a malformed request). */
    error?: string;
  };
}

export interface ModelServer {
  /** Base URL of the default script (ANTHROPIC_BASE_URL for an agent that needs no script of its own). */
  url: string;
  /** Sets the turns of a named script and returns its base URL (`<url>/s/<name>`). */
  script(name: string, turns: Turn[]): string;
  /** Appends turns to a script (created if new), e.g. before a test types the next message. */
  addTurns(name: string, turns: Turn[]): void;
  remainingTurns(name?: string): number;
  /** Every request seen, in arrival order. */
  readonly log: readonly SeenRequest[];
  requests(filter?: { script?: string; kind?: RequestKind }): SeenRequest[];
  /** Every text the user side sent in the script's turn requests (prompts, typed messages, tool results). */
  userTexts(name?: string): string[];
  waitFor(
    predicate: (r: SeenRequest) => boolean,
    opts?: { timeoutMs?: number; what?: string },
  ): Promise<SeenRequest>;
  close(): Promise<void>;
}

export const defaultScript = "default";

// Only the fields the server reads are checked; the rest of the request passes through to the log untouched.
const contentBlockSchema = z.looseObject({ type: z.string() });
const messagesRequestSchema = z.looseObject({
  model: z.string(),
  messages: z.array(
    z.looseObject({ role: z.string(), content: z.union([z.string(), z.array(contentBlockSchema)]) }),
  ),
  system: z
    .union([z.string(), z.array(z.looseObject({ type: z.string(), text: z.string().optional() }))])
    .optional(),
  tools: z.array(z.looseObject({ name: z.string().optional() })).optional(),
  stream: z.boolean().optional(),
});
export type MessagesRequest = z.infer<typeof messagesRequestSchema>;

const scriptPath = /^\/s\/([A-Za-z0-9._-]+)(\/.*)?$/;

export async function startModelServer(options: { script?: Turn[] } = {}): Promise<ModelServer> {
  const scripts = new Map<string, Turn[]>();
  // Per script and model, how many prompt tokens the previous request left in the prompt cache.
  const cached = new Map<string, number>();
  const log: SeenRequest[] = [];
  const waiters = new Set<() => void>();
  scripts.set(defaultScript, parseScript(options.script ?? [], defaultScript));

  const server = createServer((req, res) => {
    void handle(req, res);
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rawPath = req.url ?? "/";
    const match = scriptPath.exec(rawPath);
    const entry: SeenRequest = {
      seq: log.length + 1,
      method: req.method ?? "GET",
      path: match ? (match[2] ?? "/") : rawPath,
      script: match?.[1] ?? defaultScript,
      kind: "unexpected",
      headers: redact(req.headers),
      body: null,
      response: { status: 0, requestId: anthropicId("req") },
    };
    log.push(entry);
    try {
      await respond(req, res, entry);
    } catch (error) {
      // A script mistake is the test's, not a server hiccup: a 400 makes the CLI stop at once, where a 5xx would
      // make it retry with back-off for minutes.
      const status = error instanceof ModelServerError ? 400 : 500;
      const type = status === 400 ? "invalid_request_error" : "api_error";
      entry.response.error = error instanceof Error ? error.message : String(error);
      if (!res.headersSent)
        sendJson(res, status, anthropicError(type, entry.response.error), entry.response.requestId);
      else res.destroy();
    }
    // 499 as nginx logs it: the client hung up before the answer (an agent interrupted mid-turn).
    entry.response.status = res.headersSent ? res.statusCode : 499;
    notify();
  }

  async function respond(req: IncomingMessage, res: ServerResponse, entry: SeenRequest): Promise<void> {
    const { requestId } = entry.response;
    const raw = await readBody(req);
    const pathname = entry.path.split("?")[0];
    if (req.method === "HEAD" || (req.method === "GET" && pathname === "/")) {
      entry.kind = "probe";
      return sendJson(res, 200, {}, requestId, req.method === "HEAD");
    }
    if (req.method !== "POST" || (pathname !== "/v1/messages" && pathname !== "/v1/messages/count_tokens")) {
      const message = `${req.method} ${pathname} is not scripted`;
      return sendJson(res, 404, anthropicError("not_found_error", message), requestId);
    }
    const body = parseRequest(raw);
    entry.body = body;
    const promptTokens = estimateTokens(JSON.stringify({ s: body.system, t: body.tools, m: body.messages }));
    if (pathname === "/v1/messages/count_tokens") {
      entry.kind = "count_tokens";
      return sendJson(res, 200, { input_tokens: promptTokens }, requestId);
    }

    entry.kind = isAgentTurn(body) ? "turn" : "side";
    let plan: PlannedResponse;
    if (entry.kind === "turn") {
      const turns = scripts.get(entry.script);
      if (!turns) throw new ModelServerError(`no script named "${entry.script}"`, { script: entry.script });
      plan = takeNextResponse(turns, workingDirectory(body));
    } else {
      const blocks = [{ type: "text" as const, text: sideAnswer(body) }];
      plan = { delayMs: 0, blocks, stopReason: "end_turn", exhausted: false };
    }
    const usage = promptUsage(entry.script, body, promptTokens);
    const message = buildMessage(body.model, plan.blocks, plan.stopReason, usage);
    entry.response.message = message;
    entry.response.exhausted = plan.exhausted;
    if (plan.delayMs > 0) await sleep(plan.delayMs);
    if (res.destroyed) return;
    if (!body.stream) return sendJson(res, 200, messageJson(message), requestId);
    res.writeHead(200, {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache",
      "request-id": requestId,
    });
    for (const event of messageEvents(message)) res.write(encodeEvent(event));
    res.end();
  }

  function notify(): void {
    for (const wake of [...waiters]) wake();
  }

  // A prompt is cached up to the previous request's length; what is new beyond the last message is written to
  // the cache, and the last message itself is billed as plain input. Deterministic, so cost tests can predict it.
  function promptUsage(script: string, body: MessagesRequest, total: number): Omit<Usage, "output_tokens"> {
    const key = `${script}\u0000${body.model}`;
    const last = body.messages.at(-1);
    const input = Math.min(total, last ? estimateTokens(JSON.stringify(last.content)) : 1);
    const read = Math.min(cached.get(key) ?? 0, total - input);
    const creation = total - input - read;
    cached.set(key, read + creation);
    return { input_tokens: input, cache_creation_input_tokens: creation, cache_read_input_tokens: read };
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  const requests = (filter: { script?: string; kind?: RequestKind } = {}) =>
    log.filter(
      (r) =>
        (filter.script === undefined || r.script === filter.script) &&
        (!filter.kind || r.kind === filter.kind),
    );

  return {
    url,
    script(name, turns) {
      checkName(name);
      scripts.set(name, parseScript(turns, name));
      return name === defaultScript ? url : `${url}/s/${name}`;
    },
    addTurns(name, turns) {
      checkName(name);
      const existing = scripts.get(name) ?? [];
      existing.push(...parseScript(turns, name));
      scripts.set(name, existing);
    },
    remainingTurns(name = defaultScript) {
      return scripts.get(name)?.length ?? 0;
    },
    log,
    requests,
    userTexts(name = defaultScript) {
      const texts = new Set<string>();
      for (const r of requests({ script: name, kind: "turn" })) {
        for (const text of userTextsOf(r.body)) texts.add(text);
      }
      return [...texts];
    },
    waitFor(predicate, { timeoutMs = 60_000, what = "a matching request" } = {}) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = log.find((r) => r.response.status !== 0 && predicate(r));
          if (!found) return false;
          cleanup();
          resolve(found);
          return true;
        };
        const timer = setTimeout(() => {
          cleanup();
          const seen = log.map((r) => `${r.seq} ${r.method} ${r.script}${r.path} ${r.kind}`).join("\n");
          reject(new ModelServerError(`model server saw no ${what} within ${timeoutMs} ms`, { seen }));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(wake);
        };
        const wake = () => void check();
        waiters.add(wake);
        check();
      });
    },
    close() {
      return new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}

/**
 * Main-loop requests carry the agent's tools (Bash, Write, Agent…, even when a reviewer is restricted to a few);
 * the CLI's side requests (session titles, summaries by a small model) carry none, and must not eat the script.
 */
function isAgentTurn(body: MessagesRequest): boolean {
  return (body.tools ?? []).length > 0;
}

// The CLI asks a small model for a session title as JSON; anything else gets a short plain answer.
function sideAnswer(body: MessagesRequest): string {
  const system = systemText(body);
  if (/json/i.test(system) && /title/i.test(system)) return JSON.stringify({ title: "Scripted session" });
  return "Scripted session";
}

function systemText(body: MessagesRequest): string {
  if (typeof body.system === "string") return body.system;
  return (body.system ?? []).map((b) => b.text ?? "").join("\n");
}

// Claude Code states the session's working directory in its environment section (2.1.330: a system-role message).
function workingDirectory(body: MessagesRequest): string | undefined {
  const all = `${systemText(body)}\n${JSON.stringify(body.messages)}`;
  // Searched in the JSON text, where a newline is the two characters \n: the path ends at the backslash.
  return /[Ww]orking directory: ([^\n\\]+)/.exec(all)?.[1]?.trim();
}

export function userTextsOf(body: MessagesRequest | null): string[] {
  const texts: string[] = [];
  for (const m of body?.messages ?? []) {
    if (m.role !== "user") continue;
    if (typeof m.content === "string") {
      texts.push(m.content);
      continue;
    }
    for (const block of m.content) {
      if (block.type === "text" && typeof block.text === "string") texts.push(block.text);
      if (block.type === "tool_result") {
        const inner = block.content;
        if (typeof inner === "string") texts.push(inner);
        else if (Array.isArray(inner)) {
          for (const b of inner) if (b && typeof b.text === "string") texts.push(b.text);
        }
      }
    }
  }
  return texts;
}

function parseRequest(raw: string): MessagesRequest {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new ModelServerError("the request body is not JSON", { body: raw.slice(0, 200) });
  }
  const parsed = messagesRequestSchema.safeParse(json);
  if (!parsed.success) {
    throw new ModelServerError(`not a Messages API request: ${z.prettifyError(parsed.error)}`, {});
  }
  return parsed.data;
}

function parseScript(turns: Turn[], name: string): Turn[] {
  const parsed = scriptSchema.safeParse(turns);
  if (!parsed.success) {
    throw new ModelServerError(`script "${name}" is not valid: ${z.prettifyError(parsed.error)}`, { name });
  }
  return parsed.data;
}

function checkName(name: string): void {
  if (!/^[A-Za-z0-9._-]+$/.test(name)) {
    throw new ModelServerError(`script name "${name}" must be letters, digits, dot, dash or underscore`, {
      name,
    });
  }
}

function redact(headers: IncomingMessage["headers"]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const secret = name === "x-api-key" || name === "authorization";
    out[name] = secret ? "[redacted]" : Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}

function anthropicError(type: string, message: string): Record<string, unknown> {
  return { type: "error", error: { type, message } };
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  requestId: string,
  headOnly = false,
): void {
  res.writeHead(status, { "content-type": "application/json", "request-id": requestId });
  res.end(headOnly ? undefined : JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on("data", (c: Buffer) => parts.push(c));
    req.on("end", () => resolve(Buffer.concat(parts).toString("utf8")));
    req.on("error", reject);
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
