// The spool file of a session's reports while the daemon is down, in a module of its own: `drover report` runs in
// the middle of an agent's work and must not load what reading the spool needs (zod).

/** The same file name the hook client makes (it has no imports, so it repeats this rule). */
export const spoolFileName = (sessionId: string) => `${sessionId.replace(/[^A-Za-z0-9._-]/g, "-")}.jsonl`;
