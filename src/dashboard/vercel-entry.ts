// The dashboard as one Vercel function. vercel.json rewrites /dashboard and /dashboard/* to it; the request
// keeps its original path, and a direct call to /api/dashboard/… is read as the same page.
import type { IncomingMessage, ServerResponse } from "node:http";
import { vercelFunction } from "../server/vercel.js";
import { dashboardRoutes } from "./dashboard-routes.js";

export function dashboardFunction() {
  const handle = vercelFunction(...dashboardRoutes);
  return (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.url?.startsWith("/api/dashboard")) req.url = req.url.slice("/api".length);
    return handle(req, res);
  };
}
