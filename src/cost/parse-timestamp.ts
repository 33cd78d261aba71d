// Parses log timestamps with the exact strictness ccusage applies, so the same lines count on both sides.
//
// Accepted: `YYYY-MM-DDTHH:MM:SS` + optional `.mmm` (exactly three digits) + `Z` or `±HH:MM` (hours 0–23).
// Everything else (microseconds, lowercase `z`, `+0200`, a space instead of `T`, trailing text) is rejected
// and the line skipped, which is what ccusage 20.0.24 does when measured.

const pattern =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{3}))?(?:(Z)|([+-])(\d{2}):(\d{2}))$/;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

const digit = (text: string, i: number) => text.charCodeAt(i) - 48;
const two = (text: string, i: number) => {
  const a = digit(text, i);
  const b = digit(text, i + 1);
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
};

/** `YYYY-MM-DDTHH:MM:SS.mmmZ`, what Claude Code and Codex write, read without a regex or a Date object. */
function parseCommonForm(text: string): number | undefined {
  if (text.length !== 24 || text[23] !== "Z" || text[19] !== "." || text[10] !== "T") return undefined;
  if (text[4] !== "-" || text[7] !== "-" || text[13] !== ":" || text[16] !== ":") return undefined;
  const century = two(text, 0);
  const yy = two(text, 2);
  const month = two(text, 5);
  const day = two(text, 8);
  const hour = two(text, 11);
  const minute = two(text, 14);
  const second = two(text, 17);
  const msHigh = two(text, 20);
  const msLow = digit(text, 22);
  if (century < 1 || yy < 0 || msHigh < 0 || msLow < 0 || msLow > 9) return undefined; // years below 100: slow path
  const year = century * 100 + yy;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return undefined;
  return Date.UTC(year, month - 1, day, hour, minute, second, msHigh * 10 + msLow);
}

/** Milliseconds since the epoch, or undefined when the text is not a timestamp ccusage accepts. */
export function parseTimestamp(text: string): number | undefined {
  const common = parseCommonForm(text);
  if (common !== undefined) return common;
  const m = pattern.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = Number(m[6]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  let offsetMinutes = 0;
  if (!m[8]) {
    const offsetHours = Number(m[10]);
    const offsetMins = Number(m[11]);
    if (offsetHours > 23 || offsetMins > 59) return undefined;
    offsetMinutes = (m[9] === "-" ? -1 : 1) * (offsetHours * 60 + offsetMins);
  }
  // Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear does not.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, m[7] ? Number(m[7]) : 0);
  return date.getTime() - offsetMinutes * 60_000;
}
