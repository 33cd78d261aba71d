// Who may read costs: the same people as the dashboard (Authorization: Bearer $DROVER_DASHBOARD_TOKEN or the
// dashboard's signed sign-in cookie), checked by the dashboard's own authenticate; everyone else gets a 401.
import type { IncomingMessage, ServerResponse } from "node:http";
import { authenticate, type Viewer } from "../../dashboard/auth/viewer.js";
import { unauthenticatedJson } from "../../dashboard/page-route.js";
import type { AppContext } from "../app-context.js";
import { sendJson } from "../http.js";

/** The viewer, or undefined once the 401 is sent. */
export function costViewer(app: AppContext, req: IncomingMessage, res: ServerResponse): Viewer | undefined {
  const viewer = authenticate(app, req);
  if (!viewer)
    sendJson(res, 401, unauthenticatedJson, {
      "www-authenticate": 'Bearer realm="drover"',
      vary: "Cookie, Authorization",
    });
  return viewer;
}
