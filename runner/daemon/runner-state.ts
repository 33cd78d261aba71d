// What the runner remembers about its agents across its own restarts: each session's workspace, where its
// agent runs (tmux session or process), and what it last reported. Written atomically on every change.
import { z } from "zod";
import { readJsonFile, writeJsonAtomic } from "./atomic-file.js";

export const runtimeHandleSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("tmux"),
    socket: z.string(),
    name: z.string(),
    /** Where the pane's shell writes the agent's exit code, for when tmux does not have it (older handles lack it). */
    exitFile: z.string().optional(),
  }),
  z.object({
    kind: z.literal("process"),
    pid: z.int(),
    exitFile: z.string(),
    outputFile: z.string(),
    /** A named pipe the agent reads its stdin from; absent when it takes no input. */
    inputFifo: z.string().optional(),
  }),
]);
export type RuntimeHandle = z.output<typeof runtimeHandleSchema>;

export const localSessionSchema = z.object({
  sessionId: z.string(),
  repo: z.string(),
  issueKey: z.string(),
  issueNumber: z.int().optional(),
  branch: z.string(),
  agent: z.string(),
  model: z.string().optional(),
  repoPath: z.string(),
  workspace: z.string(),
  workspaceKind: z.enum(["worktree", "clone"]),
  handle: runtimeHandleSchema,
  status: z.enum(["running", "exited"]),
  exitCode: z.int().nullable().optional(),
  startedAt: z.number(),
  /** Claude's session id and transcript, from its SessionStart hook. */
  agentSessionId: z.string().optional(),
  transcriptPath: z.string().optional(),
  /** The last finished turn, to tell a question from a finished piece of work when Claude goes idle. */
  lastStop: z.object({ question: z.boolean(), message: z.string(), at: z.number() }).optional(),
  needsInputReported: z.boolean().default(false),
  /**
   * The agent said it waits (a question, "done", a finished turn) and nothing was handed to it since: output it
   * prints now (its prompt redrawn) is no sign of work, so it is not reported as activity.
   */
  waiting: z.boolean().default(false),
});
export type LocalSession = z.output<typeof localSessionSchema>;

const stateSchema = z.object({
  version: z.literal(1),
  sessions: z.record(z.string(), localSessionSchema),
});

export interface RunnerState {
  get(sessionId: string): LocalSession | undefined;
  all(): LocalSession[];
  running(): LocalSession[];
  /** Stores the session (replacing any earlier one with its id) and writes the file. */
  put(session: LocalSession): void;
  update(sessionId: string, change: Partial<LocalSession>): LocalSession | undefined;
  remove(sessionId: string): void;
  /** Re-reads the file (another `drover runner` command may have changed it while no daemon ran). */
  reload(): void;
  /**
   * Marks a session whose agent is being started; call the returned function once it is stored (or failed).
   * An agent can report (hooks, `drover report`) before its runner has stored it: see `settled`.
   */
  starting(sessionId: string): () => void;
  /** Resolves once the session is no longer being started (at once when it is not). */
  settled(sessionId: string): Promise<void>;
}

export function openRunnerState(path: string): RunnerState {
  let sessions: Record<string, LocalSession> = {};
  const load = () => {
    sessions = readJsonFile(path, stateSchema, () => ({ version: 1 as const, sessions: {} })).sessions;
  };
  const save = () => writeJsonAtomic(path, { version: 1, sessions });
  load();
  const inStart = new Map<string, { done: Promise<void>; finish: () => void }>();
  return {
    get: (id) => sessions[id],
    all: () => Object.values(sessions),
    running: () => Object.values(sessions).filter((s) => s.status === "running"),
    put(session) {
      sessions[session.sessionId] = session;
      save();
    },
    update(id, change) {
      const current = sessions[id];
      if (!current) return undefined;
      sessions[id] = { ...current, ...change };
      save();
      return sessions[id];
    },
    remove(id) {
      if (!(id in sessions)) return;
      delete sessions[id];
      save();
    },
    reload: load,
    starting(id) {
      let finish = () => {};
      const done = new Promise<void>((resolve) => {
        finish = resolve;
      });
      const entry = { done, finish };
      inStart.set(id, entry);
      return () => {
        if (inStart.get(id) === entry) inStart.delete(id);
        entry.finish();
      };
    },
    settled: async (id) => inStart.get(id)?.done,
  };
}
