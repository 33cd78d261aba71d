// Values the browser keeps for us (the sign-in cookie, the OAuth state) signed with HMAC-SHA256, so they
// cannot be forged or altered, and checked against a zod schema and an expiry when they come back.
import { createHmac, timingSafeEqual } from "node:crypto";
import type { z } from "zod";

export function hmac(key: Buffer, text: string): string {
  return createHmac("sha256", key).update(text).digest("base64url");
}

/** `<base64url JSON>.<signature>` */
export function signValue(key: Buffer, purpose: string, value: object): string {
  const body = Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${body}.${hmac(key, `${purpose}.${body}`)}`;
}

/** The value, or undefined when the text is not one we signed for `purpose`, is malformed or expired. */
export function readSignedValue<T extends z.ZodType<{ exp: number }>>(
  key: Buffer,
  purpose: string,
  text: string | undefined,
  schema: T,
  now: number,
): z.output<T> | undefined {
  if (!text) return undefined;
  const dot = text.indexOf(".");
  if (dot <= 0) return undefined;
  const body = text.slice(0, dot);
  const given = Buffer.from(text.slice(dot + 1));
  const expected = Buffer.from(hmac(key, `${purpose}.${body}`));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
  } catch {
    return undefined;
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success || parsed.data.exp <= now) return undefined;
  return parsed.data;
}
