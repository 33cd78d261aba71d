// Where an agent's output tail lives: a log of its own beside the session's event log, so frequent output
// never pushes the session's history out of its cap. The dashboard reads it with readLog(outputLogId(id)).
export const outputLogId = (sessionId: string) => `${sessionId}#output`;

/** Output snapshots kept per session; each holds the last lines the runner saw. */
export const outputLogMax = 20;
