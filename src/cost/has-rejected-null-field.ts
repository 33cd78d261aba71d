// Finds `"field":null` for the fields ccusage refuses to see as null, anywhere in a raw line.
//
// ccusage drops a usage line when one of these keys is written as `:null` — wherever it sits in the line,
// even inside a tool result — before it parses the JSON. Counting the same lines means applying the same
// raw-text test. The one exception is `"model":null` on an entry of `message.usage.iterations`, which
// Claude Code writes for the main model's iteration.

const rejected = new Set([
  "id",
  "cwd",
  "model",
  "speed",
  "costUSD",
  "version",
  "sessionId",
  "requestId",
  "isApiErrorMessage",
  "cache_read_input_tokens",
  "cache_creation_input_tokens",
]);

function skipSpace(text: string, index: number): number {
  let i = index;
  while (i < text.length && (text[i] === " " || text[i] === "\t" || text[i] === "\n" || text[i] === "\r"))
    i++;
  return i;
}

/** Index of the quote closing the string whose contents start at `start`, or -1. */
function stringEnd(text: string, start: number): number {
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 92 /* \ */) i++;
    else if (c === 34 /* " */) return i;
  }
  return -1;
}

/** Index of the bracket closing the container whose body starts at `start`, or -1. */
function containerEnd(text: string, start: number): number {
  let depth = 1;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      i = stringEnd(text, i + 1);
      if (i < 0) return -1;
    } else if (c === "[" || c === "{") depth++;
    else if (c === "]" || c === "}") {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** The `[start, end)` range of the `iterations` array that is a direct member of a `usage` object. */
function iterationsSpan(line: string): [number, number] | undefined {
  let from = 0;
  for (;;) {
    const found = line.indexOf('"usage"', from);
    if (found < 0) return undefined;
    from = found + 7;
    let i = skipSpace(line, from);
    if (line[i] !== ":") continue;
    i = skipSpace(line, i + 1);
    if (line[i] !== "{") continue;
    i = skipSpace(line, i + 1);
    while (line[i] === '"') {
      const keyEnd = stringEnd(line, i + 1);
      if (keyEnd < 0) return undefined;
      const key = line.slice(i + 1, keyEnd);
      i = skipSpace(line, keyEnd + 1);
      if (line[i] !== ":") break;
      i = skipSpace(line, i + 1);
      let valueEnd: number;
      if (line[i] === "[" && key === "iterations") {
        const end = containerEnd(line, i + 1);
        return end < 0 ? undefined : [i + 1, end];
      }
      if (line[i] === "[" || line[i] === "{") valueEnd = containerEnd(line, i + 1);
      else if (line[i] === '"') valueEnd = stringEnd(line, i + 1);
      else {
        valueEnd = i;
        while (valueEnd < line.length && line[valueEnd] !== "," && line[valueEnd] !== "}") valueEnd++;
        valueEnd--;
      }
      if (valueEnd < 0) return undefined;
      i = skipSpace(line, valueEnd + 1);
      if (line[i] !== ",") break;
      i = skipSpace(line, i + 1);
    }
  }
}

/** True when ccusage would skip this line because a non-nullable field is written as null. */
export function hasRejectedNullField(line: string): boolean {
  let from = 0;
  let span: [number, number] | undefined | null = null;
  for (;;) {
    const at = line.indexOf(":null", from);
    if (at < 0) return false;
    from = at + 5;
    let fieldEnd = at - 1;
    if (fieldEnd < 0) continue;
    if (line[fieldEnd] !== '"') {
      while (fieldEnd > 0 && line[fieldEnd] !== '"') fieldEnd--;
    }
    if (line[fieldEnd] !== '"') continue;
    let fieldStart = fieldEnd - 1;
    while (fieldStart > 0 && line[fieldStart] !== '"') fieldStart--;
    if (fieldStart < 0 || line[fieldStart] !== '"') continue;
    const field = line.slice(fieldStart + 1, fieldEnd);
    if (!rejected.has(field)) continue;
    if (field === "model") {
      if (span === null) span = iterationsSpan(line);
      if (span && at >= span[0] && at < span[1]) continue;
    }
    return true;
  }
}
