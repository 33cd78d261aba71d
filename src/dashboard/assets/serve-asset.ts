// GET /dashboard/assets/:name — the stylesheet and script, open to everyone (the login page needs them) and
// addressed by a hash of their content so browsers may cache them for good.
import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AppContext } from "../../server/app-context.js";
import { HttpError } from "../../server/http.js";
import { dashboardCss } from "./dashboard-css.js";
import { dashboardJs } from "./dashboard-js.js";

interface Asset {
  type: string;
  body: Buffer;
  hash: string;
}

function asset(type: string, text: string): Asset {
  const body = Buffer.from(text);
  return { type, body, hash: createHash("sha256").update(body).digest("hex").slice(0, 12) };
}

const assets: Record<string, Asset> = {
  "dashboard.css": asset("text/css; charset=utf-8", dashboardCss),
  "dashboard.js": asset("text/javascript; charset=utf-8", dashboardJs),
};

/** The address pages link to: changes whenever the content does. */
export function assetPath(name: keyof typeof assets & string): string {
  return `/dashboard/assets/${name}?v=${assets[name]!.hash}`;
}

export async function handleAsset(
  _app: AppContext,
  req: IncomingMessage,
  res: ServerResponse,
  params: Record<string, string>,
): Promise<void> {
  const found = Object.hasOwn(assets, params.name ?? "") ? assets[params.name!] : undefined;
  if (!found) throw new HttpError(404, `No dashboard asset named ${params.name}.`);
  const versioned = new URL(req.url ?? "/", "http://localhost").searchParams.get("v") === found.hash;
  res.writeHead(200, {
    "content-type": found.type,
    "content-length": String(found.body.length),
    "cache-control": versioned ? "public, max-age=31536000, immutable" : "public, max-age=300",
    "x-content-type-options": "nosniff",
  });
  res.end(req.method === "HEAD" ? undefined : found.body);
}
