// Slack's mrkdwn needs &, < and > escaped, and links written as <url|text>; texts have length limits.
export function escapeMrkdwn(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

export function link(url: string, text: string): string {
  return `<${url}|${escapeMrkdwn(text).replaceAll("|", "¦")}>`;
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
