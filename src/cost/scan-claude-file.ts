// Reads the usage entries of one Claude Code transcript from a byte offset on.
import { claudeLineText } from "./claude-line-text.js";
import { claudeUsageMarker, parseClaudeLine } from "./parse-claude-line.js";
import { marker, scanLines } from "./scan-lines.js";
import type { UsageEntry } from "./types.js";

const markers = [marker(claudeUsageMarker)];

/** What one read of a log file produced; `tail*` come from a last line without a newline and are provisional. */
export interface FileScan {
  entries: UsageEntry[];
  malformed: number;
  tailEntries: UsageEntry[];
  tailMalformed: number;
  completeOffset: number;
  bytesRead: number;
}

export function scanClaudeFile(path: string, fromOffset: number): FileScan {
  const scan: FileScan = {
    entries: [],
    malformed: 0,
    tailEntries: [],
    tailMalformed: 0,
    completeOffset: fromOffset,
    bytesRead: 0,
  };
  const result = scanLines(path, fromOffset, markers, (data, start, end, partial) => {
    const { text, validUtf8 } = claudeLineText(data, start, end);
    const parsed = parseClaudeLine(text);
    if (parsed.kind === "usage") {
      const into = partial ? scan.tailEntries : scan.entries;
      for (const entry of parsed.entries) into.push(validUtf8 ? entry : { ...entry, dailyOk: false });
    } else if (parsed.kind === "malformed") {
      if (partial) scan.tailMalformed++;
      else scan.malformed++;
    }
  });
  scan.completeOffset = result.completeOffset;
  scan.bytesRead = result.bytesRead;
  return scan;
}
