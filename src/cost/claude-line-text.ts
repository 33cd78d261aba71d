// Copies a transcript line out for parsing, leaving out the message content when it is safe to.
//
// Most bytes of an assistant line are its `message.content` (text, thinking, tool input), which cost never
// reads; walking and parsing them is most of the reading time. Claude Code writes the message as
// `…"content":[…],"stop_reason":…`, and the sequence `],"stop_reason":` cannot occur inside a JSON string
// (its quote would have to be escaped), so the array between the two can be replaced by `[]` without
// parsing it. When the shape is anything else the whole line is parsed. Unlike ccusage, the syntax of the
// content left out is then not checked: a line whose content alone is corrupt still counts.
import { isUtf8 } from "node:buffer";

/** The marker every usage line carries; lines without it are never parsed (most bytes are tool output). */
export const claudeUsageMarker = '"usage":{';

const contentOpen = Buffer.from('"content":[');
const contentClose = Buffer.from('],"stop_reason":');
const nullValue = Buffer.from(":null");

export interface LineBytes {
  /** A buffer shared by every call (valid until the next one): the line is `bytes[0, length)`, then a 0. */
  bytes: Buffer;
  length: number;
  /** ccusage's daily report rejects lines that are not valid UTF-8 (its other reports accept them). */
  validUtf8: boolean;
}

let scratch = Buffer.allocUnsafe(64 * 1024);
const out: LineBytes = { bytes: scratch, length: 0, validUtf8: true };

function room(length: number): Buffer {
  if (scratch.length <= length) scratch = Buffer.allocUnsafe(Math.max(length + 1, scratch.length * 2));
  return scratch;
}

/** The line `data[start, end)` as parseClaudeLine and the fast reader see it, followed by a 0 byte. */
export function claudeLineBytes(data: Buffer, start: number, end: number): LineBytes {
  const line = data.subarray(start, end);
  out.validUtf8 = isUtf8(line);
  const open = line.indexOf(contentOpen);
  if (open >= 0) {
    const arrayStart = open + contentOpen.length;
    const close = line.indexOf(contentClose, arrayStart);
    if (close >= 0) {
      // A `:null` in the content could be one ccusage rejects the line for: then keep it all (rare).
      const nullAt = line.indexOf(nullValue, arrayStart);
      if (nullAt < 0 || nullAt >= close) {
        const length = arrayStart + line.length - close;
        const bytes = room(length);
        line.copy(bytes, 0, 0, arrayStart);
        line.copy(bytes, arrayStart, close);
        bytes[length] = 0;
        out.bytes = bytes;
        out.length = length;
        return out;
      }
    }
  }
  const bytes = room(line.length);
  line.copy(bytes, 0);
  bytes[line.length] = 0;
  out.bytes = bytes;
  out.length = line.length;
  return out;
}

/** The text parseClaudeLine reads for a line (content left out as above). */
export function claudeLineText(
  data: Buffer,
  start: number,
  end: number,
): { text: string; validUtf8: boolean } {
  const { bytes, length, validUtf8 } = claudeLineBytes(data, start, end);
  return { text: bytes.toString("utf8", 0, length), validUtf8 };
}
