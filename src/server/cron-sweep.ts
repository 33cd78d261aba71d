// GET /api/cron/sweep: Vercel's cron calls it every minute (with CRON_SECRET when one is set).
import type { IncomingMessage, ServerResponse } from "node:http";
import { sweep } from "../sessions/sweep.js";
import { safeEqual } from "../shared/safe-equal.js";
import type { AppContext } from "./app-context.js";
import { bearerToken, HttpError, sendJson } from "./http.js";

export async function handleCronSweep(
  app: AppContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const secret = app.env.CRON_SECRET;
  if (secret && !safeEqual(bearerToken(req) ?? "", secret))
    throw new HttpError(401, "This route is for the cron; send Authorization: Bearer $CRON_SECRET.");
  sendJson(res, 200, await sweep(app));
}
