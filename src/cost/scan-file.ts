// One unit of reading work: scan one log file from an offset (Claude or Codex), in the calling thread.

import type { ClaudeLineResult } from "./parse-claude-line.js";
import { type FileScan, scanClaudeFile } from "./scan-claude-file.js";
import { type CodexFileState, scanCodexFile } from "./scan-codex-file.js";
import type { AgentKind } from "./types.js";

export interface ScanTask {
  agent: AgentKind;
  path: string;
  fromOffset: number;
  /** Bytes the scan is expected to read (for progress). */
  size?: number;
  /** Codex only: what the lines before `fromOffset` established. */
  codexState?: CodexFileState;
}

export interface ScanResult extends FileScan {
  codexState?: CodexFileState;
}

export function scanFile(task: ScanTask, slow: (text: string) => ClaudeLineResult): ScanResult {
  if (task.agent === "codex") {
    const scan = scanCodexFile(task.path, task.fromOffset, task.codexState ?? {});
    return { ...scan, codexState: scan.state };
  }
  return scanClaudeFile(task.path, task.fromOffset, slow);
}
