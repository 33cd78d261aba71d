// Who is calling the runner API: a registered, unrevoked runner (its token) or the app's admin (the
// registration token). Both compare in constant time; a revoked runner is refused on its very next call.
import type { IncomingMessage } from "node:http";
import { hashSecret, parseRunnerToken } from "../../protocol/runner-token.js";
import { safeEqual } from "../../shared/safe-equal.js";
import type { RunnerRecord } from "../../store/store.js";
import type { AppContext } from "../app-context.js";
import { bearerToken, HttpError } from "../http.js";

export async function authenticateRunner(app: AppContext, req: IncomingMessage): Promise<RunnerRecord> {
  const token = bearerToken(req);
  if (!token)
    throw new HttpError(
      401,
      "Send Authorization: Bearer <runner token> (`drover runner register` made one).",
    );
  const parsed = parseRunnerToken(token);
  const runner = parsed ? await app.store.getRunner(parsed.runnerId) : undefined;
  // One answer for every kind of bad token, so a caller learns nothing about which runner ids exist.
  if (!parsed || !runner || !safeEqual(hashSecret(parsed.secret), runner.secretHash))
    throw new HttpError(401, "Unknown runner token; register the runner again (`drover runner register`).");
  if (runner.revoked)
    throw new HttpError(
      401,
      `Runner ${runner.id} was revoked; register it again with a new registration token.`,
    );
  return runner;
}

/** The registration token doubles as the admin credential for the runner API. */
export function requireRegistrationToken(app: AppContext, req: IncomingMessage): void {
  const expected = app.env.DROVER_REGISTRATION_TOKEN;
  if (!expected)
    throw new HttpError(
      403,
      "Runner registration is off on this app: set DROVER_REGISTRATION_TOKEN and restart it.",
    );
  const token = bearerToken(req);
  if (!token || !safeEqual(token, expected))
    throw new HttpError(401, "Send Authorization: Bearer <the app's DROVER_REGISTRATION_TOKEN>.");
}
