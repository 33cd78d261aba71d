// A second line against cross-site form posts (after SameSite cookies and the CSRF token): browsers name the
// page a POST came from in Origin, and it must be this dashboard.
import type { IncomingMessage } from "node:http";

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value?.split(",")[0]?.trim();
}

/** False only when the browser says the request came from another site. */
export function fromSameOrigin(req: IncomingMessage): boolean {
  const origin = first(req.headers.origin);
  if (!origin) return true; // not a browser, or an old one: the CSRF token still has to match
  if (origin === "null") return false;
  const host = first(req.headers["x-forwarded-host"]) ?? first(req.headers.host);
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
