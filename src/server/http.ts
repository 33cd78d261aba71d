// Small HTTP helpers shared by every route: JSON replies, size-limited bodies, zod-validated input, errors
// that carry their status.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { z } from "zod";
import { formatIssues } from "../config/format-issues.js";

/** An error that becomes an HTTP reply with this status and a message saying what to do. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "HttpError";
  }
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "cache-control": "no-store",
    ...headers,
  });
  res.end(text);
}

export function sendError(res: ServerResponse, error: unknown): void {
  if (error instanceof HttpError) {
    sendJson(res, error.status, {
      error: error.message,
      ...(error.details ? { details: error.details } : {}),
    });
    return;
  }
  sendJson(res, 500, { error: "Internal error; the app log has the details." });
}

/** Reads the raw body, refusing (413) anything over `limit` bytes without buffering the rest. */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit)
    throw new HttpError(413, `Body too large: ${declared} bytes, the limit is ${limit}.`);
  // Some hosts (Vercel with helpers on) hand over an already-parsed body.
  const preParsed = (req as IncomingMessage & { body?: unknown }).body;
  if (Buffer.isBuffer(preParsed)) return preParsed;
  if (typeof preParsed === "string") return Buffer.from(preParsed);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new HttpError(413, `Body too large: over ${limit} bytes.`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Reads a JSON body and validates it; 400 names the field that is wrong. */
export async function readJson<T extends z.ZodType>(
  req: IncomingMessage,
  schema: T,
  limit = 1_000_000,
): Promise<z.output<T>> {
  const raw = await readBody(req, limit);
  let data: unknown;
  try {
    data = raw.length ? JSON.parse(raw.toString("utf8")) : undefined;
  } catch {
    throw new HttpError(400, "The body is not valid JSON.");
  }
  const result = schema.safeParse(data);
  if (!result.success)
    throw new HttpError(400, `Invalid request: ${formatIssues(result.error).replace(/\n/g, "; ")}`);
  return result.data;
}

export function bearerToken(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  const match = header ? /^Bearer\s+(.+)$/i.exec(header) : null;
  return match?.[1]?.trim();
}
