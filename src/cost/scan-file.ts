// One unit of reading work, the same in the main thread and in a worker: scan one log file from an offset.

import { type FileScan, scanClaudeFile } from "./scan-claude-file.js";
import { type CodexFileState, scanCodexFile } from "./scan-codex-file.js";
import type { AgentKind } from "./types.js";

export interface ScanTask {
  agent: AgentKind;
  path: string;
  fromOffset: number;
  /** Bytes the scan is expected to read, to schedule big files first. */
  size?: number;
  /** Codex only: what the lines before `fromOffset` established. */
  codexState?: CodexFileState;
}

export interface ScanResult extends FileScan {
  codexState?: CodexFileState;
}

export function scanFile(task: ScanTask): ScanResult {
  if (task.agent === "codex") {
    const scan = scanCodexFile(task.path, task.fromOffset, task.codexState ?? {});
    return { ...scan, codexState: scan.state };
  }
  return scanClaudeFile(task.path, task.fromOffset);
}
