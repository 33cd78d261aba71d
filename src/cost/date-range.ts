// Parses `--since` / `--until` (YYYYMMDD or YYYY-MM-DD, inclusive) into day keys reports compare against.
import { z } from "zod";
import { CostUsageError } from "./errors.js";

const dayText = z
  .string()
  .regex(/^\d{4}-?\d{2}-?\d{2}$/)
  .transform((text) => text.replace(/^(\d{4})-?(\d{2})-?(\d{2})$/, "$1-$2-$3"))
  .refine((day) => {
    const [y, m, d] = day.split("-").map(Number) as [number, number, number];
    const date = new Date(Date.UTC(y, m - 1, d));
    return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  });

export interface DateRange {
  since?: string;
  until?: string;
}

/** Throws a usage error that names the flag when a date is not a real calendar day. */
export function parseDateRange(since: string | undefined, until: string | undefined): DateRange {
  const parse = (flag: string, value: string | undefined) => {
    if (value === undefined) return undefined;
    const result = dayText.safeParse(value);
    if (!result.success)
      throw new CostUsageError(`--${flag} "${value}" is not a date: use YYYYMMDD or YYYY-MM-DD`);
    return result.data;
  };
  const range = { since: parse("since", since), until: parse("until", until) };
  if (range.since && range.until && range.since > range.until) {
    throw new CostUsageError(`--since ${range.since} is after --until ${range.until}`);
  }
  return range;
}

export const inRange = (day: string, range: DateRange) =>
  (range.since === undefined || day >= range.since) && (range.until === undefined || day <= range.until);
