// Adapts one route to a Vercel function: the function file names its route, this does the rest.
import type { IncomingMessage, ServerResponse } from "node:http";
import { sharedAppContext } from "./app-context.js";
import { sendError } from "./http.js";
import { dispatch, type Route } from "./router.js";

export function vercelFunction(...routes: Route[]) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    let app: ReturnType<typeof sharedAppContext>;
    try {
      app = sharedAppContext();
    } catch (error) {
      // Misconfigured env: say which variable, once per request, rather than crash the function.
      console.error((error as Error).message);
      return sendError(res, error);
    }
    await dispatch(app, routes, req, res);
  };
}
