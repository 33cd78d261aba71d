// Turns entry timestamps into the day and month a report groups them under, in the chosen time zone.
//
// Formatting every entry with Intl is slow (microseconds each, hundreds of thousands of entries), and a
// zone's offset only changes at transitions on whole quarter hours, so each 15-minute slot is looked up once.
import { CostUsageError } from "./errors.js";

const slotMs = 15 * 60_000;

export interface DateKeys {
  readonly timeZone: string;
  /** `YYYY-MM-DD` in the time zone. */
  day(timestamp: number): string;
  /** `YYYY-MM` in the time zone. */
  month(timestamp: number): string;
}

/** The machine's own zone, which ccusage also uses when no `--timezone` is given. */
export function systemTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

/** Throws a usage error naming the problem when `timeZone` is not an IANA zone Node knows. */
export function assertTimeZone(timeZone: string): void {
  if (timeZone === "UTC" || timeZone === "Etc/UTC") return;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
  } catch {
    throw new CostUsageError(
      `unknown time zone "${timeZone}": use an IANA name such as UTC, Europe/Berlin or America/New_York`,
    );
  }
}

function utcDay(timestamp: number): string {
  const d = new Date(timestamp);
  const year = d.getUTCFullYear();
  const y = year < 0 ? `-${String(-year).padStart(6, "0")}` : String(year).padStart(4, "0");
  return `${y}-${String(d.getUTCMonth() + 1).padStart(2, "0")}-${String(d.getUTCDate()).padStart(2, "0")}`;
}

export function createDateKeys(timeZone: string): DateKeys {
  // UTC needs no Intl at all (creating the first formatter loads ICU data: ~20 ms).
  if (timeZone === "UTC" || timeZone === "Etc/UTC") {
    const days = new Map<number, string>();
    const day = (timestamp: number) => {
      const n = Math.floor(timestamp / 86_400_000);
      let key = days.get(n);
      if (key === undefined) {
        key = utcDay(timestamp);
        days.set(n, key);
      }
      return key;
    };
    return { timeZone, day, month: (t) => day(t).slice(0, 7) };
  }
  assertTimeZone(timeZone);
  const format = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  });
  const slots = new Map<number, string>();
  const day = (timestamp: number): string => {
    const slot = Math.floor(timestamp / slotMs);
    let key = slots.get(slot);
    if (key === undefined) {
      const parts = format.formatToParts(new Date(slot * slotMs));
      const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
      key = `${get("year").padStart(4, "0")}-${get("month")}-${get("day")}`;
      slots.set(slot, key);
    }
    return key;
  };
  return { timeZone, day, month: (t) => day(t).slice(0, 7) };
}
