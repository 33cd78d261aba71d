// A Redis or Upstash URL as it may appear in messages and logs: host and port only, never the password.
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return "(an invalid URL)";
  }
}
