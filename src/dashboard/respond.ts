// How dashboard routes answer: HTML with strict security headers, redirects after form posts, and the choice
// between a page and its JSON form (what the live refresh polls).
import type { IncomingMessage, ServerResponse } from "node:http";
import type { SafeHtml } from "./html.js";

/** Scripts and styles only from our own files; no framing; forms post only to us. */
export const securityHeaders: Record<string, string> = {
  "content-security-policy":
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "same-origin",
  "cache-control": "no-store",
  vary: "Accept, Cookie, Authorization",
};

export function sendHtml(
  res: ServerResponse,
  status: number,
  page: SafeHtml,
  headers: Record<string, string | string[]> = {},
): void {
  const body = Buffer.from(page.text);
  res.writeHead(status, {
    ...securityHeaders,
    "content-type": "text/html; charset=utf-8",
    "content-length": String(body.length),
    ...headers,
  });
  res.end(body);
}

/** 303 See Other: after a form post the browser fetches `location` with GET, so a reload never re-posts. */
export function redirect(
  res: ServerResponse,
  location: string,
  headers: Record<string, string | string[]> = {},
): void {
  res.writeHead(303, { ...securityHeaders, location, ...headers });
  res.end();
}

/** Scripts (the live refresh, curl) ask for JSON; browsers navigating ask for HTML. */
export function wantsJson(req: IncomingMessage): boolean {
  const accept = req.headers.accept ?? "";
  return accept.includes("application/json") && !accept.includes("text/html");
}

export function requestUrl(req: IncomingMessage): URL {
  return new URL(req.url ?? "/", "http://localhost");
}
