// Reads an HTML form post (application/x-www-form-urlencoded) and validates it with zod; a bad field becomes
// a 400 that names it.
import type { IncomingMessage } from "node:http";
import type { z } from "zod";
import { formatIssues } from "../config/format-issues.js";
import { HttpError, readBody } from "../server/http.js";

export async function readForm<T extends z.ZodType>(
  req: IncomingMessage,
  schema: T,
  limit = 64 * 1024,
): Promise<z.output<T>> {
  const type = req.headers["content-type"] ?? "";
  if (!type.startsWith("application/x-www-form-urlencoded"))
    throw new HttpError(415, "Send the form as application/x-www-form-urlencoded (an HTML form does).");
  // Vercel's helpers may have parsed the form into an object already.
  const preParsed = (req as IncomingMessage & { body?: unknown }).body;
  const fields =
    preParsed && typeof preParsed === "object" && !Buffer.isBuffer(preParsed)
      ? preParsed
      : Object.fromEntries(new URLSearchParams((await readBody(req, limit)).toString("utf8")));
  const result = schema.safeParse(fields);
  if (!result.success)
    throw new HttpError(400, `The form is incomplete: ${formatIssues(result.error).replace(/\n/g, "; ")}`);
  return result.data;
}
