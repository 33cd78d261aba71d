// Times in GitHub payloads are ISO strings; the core wants milliseconds.

/** The time in ms, or undefined when it is missing or unreadable. */
export function timeOf(value: string | null | undefined): number | undefined {
  if (!value) return undefined;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : undefined;
}
