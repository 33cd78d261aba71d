// Finds a `/drover <command> [args]` line in a comment. The command is the first such line; `args` is the rest
// of that line, and `text` runs on to the end of the comment (a message for `/drover send` may span lines).

export interface ParsedCommand {
  /** Lower-case command name; "" for a bare `/drover`. */
  name: string;
  args: string;
  text: string;
  /** The command line as written, quoted in the reply. */
  line: string;
}

export function parseCommand(body: string | null | undefined): ParsedCommand | undefined {
  if (!body) return undefined;
  const match = /^[ \t]*\/drover(?=[ \t]|$)([^\r\n]*)/m.exec(body);
  if (!match) return undefined;
  const rest = match[1]!.trim();
  const name = rest.split(/\s+/, 1)[0] ?? "";
  const args = rest.slice(name.length).trim();
  const following = body.slice(match.index + match[0].length).replace(/^\r?\n/, "");
  const text = [args, following.trim()].filter(Boolean).join("\n");
  return { name: name.toLowerCase(), args, text, line: match[0].trim() };
}

/** `key=value` words of a command's arguments; anything else is reported back by name. */
export function parseOptions(args: string): { options: Record<string, string>; unknown: string[] } {
  const options: Record<string, string> = {};
  const unknown: string[] = [];
  for (const word of args.split(/\s+/).filter(Boolean)) {
    const eq = word.indexOf("=");
    if (eq > 0) options[word.slice(0, eq).toLowerCase()] = word.slice(eq + 1);
    else unknown.push(word);
  }
  return { options, unknown };
}
