// Adapts one route to a Vercel function: the function file names its route, this does the rest.
import type { IncomingMessage, ServerResponse } from "node:http";
import { InvalidInputError } from "../config/format-issues.js";
import { sharedAppContext } from "./app-context.js";
import { HttpError, sendError } from "./http.js";
import { dispatch, type Route } from "./router.js";

export function vercelFunction(...routes: Route[]) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    let app: ReturnType<typeof sharedAppContext>;
    try {
      app = sharedAppContext();
    } catch (error) {
      // Misconfigured env: say which variable (names are not secrets) rather than crash the function.
      console.error((error as Error).message);
      const message =
        error instanceof InvalidInputError ? error.message : "The app could not start; see the function log.";
      return sendError(res, new HttpError(500, message));
    }
    await dispatch(app, routes, req, res);
  };
}
