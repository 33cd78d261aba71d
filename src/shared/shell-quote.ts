// Quotes a value for a POSIX shell command line: single quotes, with embedded single quotes spliced in.
export function shellQuote(value: string): string {
  if (/^[A-Za-z0-9_./:=@%+,-]+$/.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
