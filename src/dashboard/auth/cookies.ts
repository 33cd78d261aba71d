// Reading and writing the dashboard's cookies: HttpOnly, SameSite=Lax (a deep link from Slack or e-mail is a
// cross-site navigation and must still carry the sign-in), Secure whenever the dashboard is served over HTTPS.
import type { IncomingMessage } from "node:http";

export function readCookie(req: IncomingMessage, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/** Whether the browser reached us over HTTPS (directly, or through Vercel's or a proxy's TLS). */
export function isHttps(req: IncomingMessage, publicUrl: string | undefined): boolean {
  const forwarded = req.headers["x-forwarded-proto"];
  const proto = Array.isArray(forwarded) ? forwarded[0] : forwarded?.split(",")[0]?.trim();
  if (proto) return proto === "https";
  if ((req.socket as { encrypted?: boolean }).encrypted) return true;
  return publicUrl?.startsWith("https://") ?? false;
}

export interface CookieOptions {
  path: string;
  /** Seconds; 0 deletes the cookie. */
  maxAge: number;
  secure: boolean;
}

export function cookieHeader(name: string, value: string, options: CookieOptions): string {
  return [
    `${name}=${encodeURIComponent(value)}`,
    `Path=${options.path}`,
    `Max-Age=${Math.max(0, Math.floor(options.maxAge))}`,
    "HttpOnly",
    "SameSite=Lax",
    ...(options.secure ? ["Secure"] : []),
  ].join("; ");
}
