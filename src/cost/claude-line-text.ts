// Decodes a transcript line for parsing, leaving out the message content when it is safe to.
//
// Most bytes of an assistant line are its `message.content` (text, thinking, tool input), which cost never
// reads; decoding and JSON-parsing them is most of the reading time. Claude Code writes the message as
// `…"content":[…],"stop_reason":…`, and the sequence `],"stop_reason":` cannot occur inside a JSON string
// (its quote would have to be escaped), so the array between the two can be replaced by `[]` without
// parsing it. When the shape is anything else the whole line is parsed. Unlike ccusage, the syntax of the
// content left out is then not checked: a line whose content alone is corrupt still counts.
import { isUtf8 } from "node:buffer";

const contentOpen = Buffer.from('"content":[');
const contentClose = Buffer.from('],"stop_reason":');
const nullValue = Buffer.from(":null");

export interface LineText {
  text: string;
  /** ccusage's daily report rejects lines that are not valid UTF-8 (its other reports accept them). */
  validUtf8: boolean;
}

export function claudeLineText(data: Buffer, start: number, end: number): LineText {
  const validUtf8 = isUtf8(data.subarray(start, end));
  const open = data.indexOf(contentOpen, start);
  if (open >= 0 && open < end) {
    const arrayStart = open + contentOpen.length;
    const close = data.indexOf(contentClose, arrayStart);
    if (close >= 0 && close < end) {
      // A `:null` in the content could be one ccusage rejects the line for: then keep it all (rare).
      const nullAt = data.indexOf(nullValue, arrayStart);
      if (nullAt < 0 || nullAt >= close) {
        return {
          text: `${data.toString("utf8", start, arrayStart)}${data.toString("utf8", close, end)}`,
          validUtf8,
        };
      }
    }
  }
  return { text: data.toString("utf8", start, end), validUtf8 };
}
