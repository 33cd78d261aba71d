// The runner's side of the HTTPS protocol: typed calls to the app, replies checked with the shared schemas,
// and failures sorted into "try again later" (network, 5xx) and "the app refuses this" (4xx).
import type { z } from "zod";
import { type HeartbeatRequest, heartbeatResponseSchema } from "../../src/protocol/heartbeat.js";
import { type PollRequest, pollResponseSchema } from "../../src/protocol/poll.js";
import { type RegisterRequest, registerResponseSchema } from "../../src/protocol/register.js";
import { type EventsRequest, eventsResponseSchema } from "../../src/protocol/runner-events.js";

export class AppCallError extends Error {
  constructor(
    message: string,
    /** The HTTP status; undefined when the app could not be reached at all. */
    readonly status: number | undefined,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "AppCallError";
  }

  /** Unreachable, timed out, or the app failed (5xx, 429): the same call may work later. */
  get retryable(): boolean {
    return this.status === undefined || this.status >= 500 || this.status === 429 || this.status === 408;
  }
}

export interface AppClient {
  poll(body: PollRequest): Promise<z.output<typeof pollResponseSchema>>;
  heartbeat(body: HeartbeatRequest): Promise<z.output<typeof heartbeatResponseSchema>>;
  events(body: EventsRequest): Promise<z.output<typeof eventsResponseSchema>>;
}

const timeoutMs = 20_000;

async function call<T extends z.ZodType>(
  server: string,
  path: string,
  credential: string,
  body: unknown,
  schema: T,
  method = "POST",
): Promise<z.output<T>> {
  const url = new URL(path, server.endsWith("/") ? server : `${server}/`).toString();
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: { "content-type": "application/json", authorization: `Bearer ${credential}` },
      ...(method === "GET" ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
    throw new AppCallError(`cannot reach ${url} (${cause})`, undefined);
  }
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    throw new AppCallError(`${url} answered ${res.status} with something that is not JSON`, res.status);
  }
  if (!res.ok) {
    const reply = json as { error?: string; details?: unknown } | undefined;
    throw new AppCallError(reply?.error ?? `${url} answered ${res.status}`, res.status, reply?.details);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success)
    throw new AppCallError(
      `${url} answered with a reply this runner does not understand; upgrade it`,
      res.status,
    );
  return parsed.data;
}

export function createAppClient(server: string, token: string): AppClient {
  return {
    poll: (body) => call(server, "api/runner/poll", token, body, pollResponseSchema),
    heartbeat: (body) => call(server, "api/runner/heartbeat", token, body, heartbeatResponseSchema),
    events: (body) => call(server, "api/runner/events", token, body, eventsResponseSchema),
  };
}

export function registerRunner(server: string, registrationToken: string, body: RegisterRequest) {
  return call(server, "api/runner/register", registrationToken, body, registerResponseSchema);
}

/** An admin call (authorised by the registration token). */
export function adminCall<T extends z.ZodType>(
  server: string,
  registrationToken: string,
  path: string,
  body: unknown,
  schema: T,
  method: "GET" | "POST" = "POST",
): Promise<z.output<T>> {
  return call(server, path, registrationToken, body, schema, method);
}
