// GET /api/health: the version, which store is in use and whether it answers.
import type { IncomingMessage, ServerResponse } from "node:http";
import { version } from "../shared/version.js";
import type { AppContext } from "./app-context.js";
import { sendJson } from "./http.js";

export async function handleHealth(
  app: AppContext,
  _req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  let reachable = true;
  let error: string | undefined;
  try {
    await app.store.ping();
  } catch (cause) {
    reachable = false;
    error = (cause as Error).message;
  }
  sendJson(res, reachable ? 200 : 503, {
    ok: reachable,
    version,
    store: { kind: app.store.kind, reachable, ...(error ? { error } : {}) },
  });
}
