// Compares Drover's cost reports with ccusage's JSON, row by row, and lists every difference found.
//
// Tokens must be equal; cost may differ by at most $0.000001 (the order of float additions differs).

export const costTolerance = 1e-6;

interface Tokens {
  inputTokens: number;
  outputTokens: number;
  cacheCreationTokens: number;
  cacheReadTokens: number;
}
interface Breakdown extends Tokens {
  modelName: string;
  cost: number;
}
interface Row extends Tokens {
  totalTokens: number;
  totalCost: number;
  modelBreakdowns: Breakdown[];
}

function compareRow(label: string, ours: Row, theirs: Row, out: string[]) {
  for (const field of [
    "inputTokens",
    "outputTokens",
    "cacheCreationTokens",
    "cacheReadTokens",
    "totalTokens",
  ] as const) {
    if (ours[field] !== theirs[field])
      out.push(`${label} ${field}: drover ${ours[field]} ccusage ${theirs[field]}`);
  }
  if (Math.abs(ours.totalCost - theirs.totalCost) > costTolerance) {
    out.push(`${label} totalCost: drover ${ours.totalCost} ccusage ${theirs.totalCost}`);
  }
  const models = new Map(theirs.modelBreakdowns.map((b) => [b.modelName, b]));
  for (const b of ours.modelBreakdowns) {
    const t = models.get(b.modelName);
    if (!t) {
      out.push(`${label} model ${b.modelName}: only in drover`);
      continue;
    }
    models.delete(b.modelName);
    for (const field of ["inputTokens", "outputTokens", "cacheCreationTokens", "cacheReadTokens"] as const) {
      if (b[field] !== t[field])
        out.push(`${label} ${b.modelName} ${field}: drover ${b[field]} ccusage ${t[field]}`);
    }
    if (Math.abs(b.cost - t.cost) > costTolerance)
      out.push(`${label} ${b.modelName} cost: drover ${b.cost} ccusage ${t.cost}`);
  }
  for (const name of models.keys()) out.push(`${label} model ${name}: only in ccusage`);
}

function compareKeyed<T extends Row>(
  what: string,
  ours: readonly T[],
  theirs: readonly T[],
  key: (row: T) => string,
): string[] {
  const out: string[] = [];
  const theirsByKey = new Map(theirs.map((row) => [key(row), row]));
  for (const row of ours) {
    const t = theirsByKey.get(key(row));
    if (!t) {
      out.push(`${what} ${key(row)}: only in drover`);
      continue;
    }
    theirsByKey.delete(key(row));
    compareRow(`${what} ${key(row)}`, row, t, out);
  }
  for (const k of theirsByKey.keys()) out.push(`${what} ${k}: only in ccusage`);
  return out;
}

export const compareDaily = (
  ours: readonly (Row & { date: string })[],
  theirs: readonly (Row & { date: string })[],
) => compareKeyed("day", ours, theirs, (r) => r.date);

export const compareMonthly = (
  ours: readonly (Row & { month: string })[],
  theirs: readonly (Row & { month: string })[],
) => compareKeyed("month", ours, theirs, (r) => r.month);

type SessionRow = Row & {
  sessionId: string;
  projectPath: string;
  firstActivity: string;
  lastActivity: string;
};

export function compareSessions(ours: readonly SessionRow[], theirs: readonly SessionRow[]): string[] {
  const key = (r: SessionRow) => `${r.projectPath}/${r.sessionId}`;
  const out = compareKeyed("session", ours, theirs, key);
  const theirsByKey = new Map(theirs.map((r) => [key(r), r]));
  for (const row of ours) {
    const t = theirsByKey.get(key(row));
    if (t && (t.firstActivity !== row.firstActivity || t.lastActivity !== row.lastActivity)) {
      out.push(
        `session ${key(row)} activity: drover ${row.firstActivity}..${row.lastActivity} ccusage ${t.firstActivity}..${t.lastActivity}`,
      );
    }
  }
  const order = (rows: readonly SessionRow[]) => rows.map(key).join("\n");
  if (out.length === 0 && order(ours) !== order(theirs)) out.push("session order differs");
  return out;
}

/** Codex sessions: ccusage names them by their path under sessions/ and reports only the last activity. */
export function compareCodexSessions(
  ours: readonly SessionRow[],
  theirs: readonly (Record<string, unknown> & { sessionId: string; lastActivity: string })[],
): string[] {
  const out = compareKeyed(
    "codex session",
    ours,
    theirs.map((row) => ({ ...codexRowToClaudeShape(row), projectPath: "", firstActivity: "" })),
    (r) => r.sessionId,
  );
  const last = new Map(theirs.map((r) => [r.sessionId, r.lastActivity]));
  for (const row of ours) {
    if (last.has(row.sessionId) && last.get(row.sessionId) !== row.lastActivity) {
      out.push(
        `codex session ${row.sessionId} lastActivity: drover ${row.lastActivity} ccusage ${last.get(row.sessionId)}`,
      );
    }
  }
  return out;
}

/** ccusage's Codex JSON uses `costUSD` and a `models` map; this puts it in the Claude row shape. */
export function codexRowToClaudeShape<T extends Record<string, unknown>>(row: T): Row & T {
  const models = row.models as Record<string, Tokens & { totalTokens: number }>;
  return {
    ...row,
    inputTokens: row.inputTokens as number,
    outputTokens: row.outputTokens as number,
    cacheCreationTokens: row.cacheCreationTokens as number,
    cacheReadTokens: row.cacheReadTokens as number,
    totalTokens:
      (row.inputTokens as number) +
      (row.outputTokens as number) +
      (row.cacheCreationTokens as number) +
      (row.cacheReadTokens as number),
    totalCost: row.costUSD as number,
    // ccusage reports no per-model cost for Codex: compare per-model tokens only (cost is checked per row).
    modelBreakdowns: Object.entries(models).map(([modelName, m]) => ({ modelName, ...m, cost: Number.NaN })),
  };
}
