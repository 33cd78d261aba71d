// Reading script replies: each helper checks the shape it expects and says which script broke the promise.
import type { RedisReply } from "./redis-client.js";
import { StoreDataError, type StoreErrorContext } from "./store-errors.js";

function unexpected(what: string, reply: RedisReply, context: StoreErrorContext): StoreDataError {
  const shown = JSON.stringify(reply) ?? String(reply);
  return new StoreDataError(
    `Redis replied ${shown.slice(0, 200)} where ${what} was expected (${context.operation ?? "store operation"}). ` +
      "Another program may be writing under Drover's key prefix; give Drover a prefix of its own.",
    context,
  );
}

export function replyArray(reply: RedisReply, context: StoreErrorContext): RedisReply[] {
  if (!Array.isArray(reply)) throw unexpected("a list", reply, context);
  return reply;
}

export function replyString(reply: RedisReply, context: StoreErrorContext): string {
  if (typeof reply !== "string") throw unexpected("a string", reply, context);
  return reply;
}

export function replyOptionalString(reply: RedisReply, context: StoreErrorContext): string | undefined {
  return reply === null ? undefined : replyString(reply, context);
}

export function replyStrings(reply: RedisReply, context: StoreErrorContext): string[] {
  return replyArray(reply, context).map((item) => replyString(item, context));
}

export function replyInteger(reply: RedisReply, context: StoreErrorContext): number {
  if (typeof reply !== "number") throw unexpected("an integer", reply, context);
  return reply;
}

/** A flat [field, value, field, value…] reply (HGETALL) as a record. */
export function replyHash(reply: RedisReply, context: StoreErrorContext): Record<string, string> {
  const flat = replyStrings(reply, context);
  if (flat.length % 2 !== 0) throw unexpected("field/value pairs", reply, context);
  const hash: Record<string, string> = {};
  for (let i = 0; i < flat.length; i += 2) hash[flat[i]!] = flat[i + 1]!;
  return hash;
}

/** A number stored as a string by a script; NaN would silently poison every sum, so it is an error. */
export function numberField(value: string, what: string, context: StoreErrorContext): number {
  const parsed = Number(value);
  if (value.trim() === "" || !Number.isFinite(parsed)) {
    throw new StoreDataError(
      `${what} is "${value.slice(0, 50)}" in the ${context.store} store, not a number. Fix or delete that record.`,
      context,
    );
  }
  return parsed;
}
