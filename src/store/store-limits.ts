// Defaults and argument checks every store applies the same way, so they agree on edge cases.
import { type StoreErrorContext, StoreUsageError } from "./store-errors.js";

/** A job leased this many times whose lease expired again fails instead of going back to its queue. */
export const defaultMaxAttempts = 5;

/** Entries a session's log keeps when appendLog is given no `max`. */
export const defaultLogMax = 1000;

/** Items a short-lived list (appendToList) keeps; older ones are dropped, as a capped log's are. */
export const listMaxItems = 1000;

/** A positive whole number of milliseconds for PX; a fraction is rounded up so a tiny TTL never means "none". */
export function ttlMillis(ttlMs: number, context: StoreErrorContext): number {
  if (!Number.isFinite(ttlMs) || ttlMs <= 0) {
    throw new StoreUsageError(`A TTL must be a positive number of milliseconds, got ${ttlMs}.`, context);
  }
  return Math.ceil(ttlMs);
}

export function logMax(max: number | undefined, context: StoreErrorContext): number {
  const value = max ?? defaultLogMax;
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new StoreUsageError(`A log's max length must be a whole number ≥ 1, got ${value}.`, context);
  }
  return value;
}

export function logLimit(limit: number | undefined, context: StoreErrorContext): number | undefined {
  if (limit === undefined) return undefined;
  if (!Number.isSafeInteger(limit) || limit < 1) {
    throw new StoreUsageError(`A log read's limit must be a whole number ≥ 1, got ${limit}.`, context);
  }
  return limit;
}
