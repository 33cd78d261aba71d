// One running agent as the runner's state records it, for daemon tests that need a session to report on.
import type { LocalSession } from "../../../runner/daemon/runner-state.js";

export function localSession(overrides: Partial<LocalSession> = {}): LocalSession {
  return {
    sessionId: "web-7",
    repo: "acme/web",
    issueKey: "7",
    issueNumber: 7,
    branch: "drover/7-x",
    agent: "claude-code",
    repoPath: "/r",
    workspace: "/w",
    workspaceKind: "worktree",
    handle: { kind: "tmux", socket: "drover", name: "drover-web-7" },
    status: "running",
    startedAt: 0,
    needsInputReported: false,
    waiting: false,
    ...overrides,
  };
}
