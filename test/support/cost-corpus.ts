// Generates realistic Claude Code and Codex log corpora (deterministic from a seed) for parity tests and bench.
//
// What real transcripts contain and a parser must get right: one line per streamed content block (same
// message and request id), resumed sessions replaying earlier lines into a new file, subagent files and
// their progress copies in the parent, sidechain replays, tool results of many KB, truncated last lines,
// several models, an unknown one, legacy lines with costUSD, 1-hour cache writes, >200k-token requests,
// fast mode, advisor iterations. With `edgeCases`, also the odd lines ccusage has rules for (malformed JSON,
// float or negative counts, nulls, odd timestamps, non-semver versions, spaced JSON…).
// Files are written through a small buffer so that 1 GB corpora need no more memory than 100 KB ones.
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, writeSync } from "node:fs";
import { dirname, join, sep } from "node:path";

export interface CorpusOptions {
  /** Directory to create: a CLAUDE_CONFIG_DIR (with projects/) or a CODEX_HOME (with sessions/). */
  dir: string;
  targetBytes: number;
  seed?: number;
  /** First day of activity (UTC), YYYY-MM-DD. */
  startDate?: string;
  days?: number;
  edgeCases?: boolean;
}

export interface CorpusSummary {
  files: number;
  bytes: number;
  sessions: number;
  lines: number;
}

/** mulberry32: small, fast and good enough to make corpora reproducible. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    chance: (p: number) => next() < p,
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    weighted: <T>(items: readonly (readonly [T, number])[]): T => {
      const total = items.reduce((s, [, w]) => s + w, 0);
      let r = next() * total;
      for (const [item, w] of items) {
        r -= w;
        if (r <= 0) return item;
      }
      return items[items.length - 1]![0];
    },
  };
}
type Rng = ReturnType<typeof rng>;

const hex = (r: Rng, n: number) => {
  let s = "";
  for (let i = 0; i < n; i++) s += "0123456789abcdef"[r.int(0, 15)];
  return s;
};
const uuid = (r: Rng) => `${hex(r, 8)}-${hex(r, 4)}-4${hex(r, 3)}-a${hex(r, 3)}-${hex(r, 12)}`;
const base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const b62 = (r: Rng, n: number) => {
  let s = "";
  for (let i = 0; i < n; i++) s += base62[r.int(0, 61)];
  return s;
};

/** A pool of text to slice tool output from: words, code-ish lines, some non-ASCII. */
function textPool(r: Rng): string {
  const words =
    "the of and to in is that for it as with was on be at by this had not are but from or have an they which one you were all we when your can said there use each which she do how their if will up other about out many then them these so some her would make like him into time has look two more write go see number no way could people my than first water been call who oil its now find long down day did get come made may part function const return await import export class interface type error value result file path line buffer stream token usage cost model session".split(
      " ",
    );
  const extras = ["café", "naïve", "日本語", "Grüße", "→", "✓", "emoji🙂"];
  let s = "";
  while (s.length < 300_000) {
    const n = r.int(4, 16);
    const line: string[] = [];
    for (let i = 0; i < n; i++) line.push(r.chance(0.02) ? r.pick(extras) : r.pick(words));
    s += `${line.join(" ")}\n`;
  }
  return s;
}

/** Buffered writer for one file: keeps at most ~256 KB in memory. */
class FileWriter {
  private chunks: string[] = [];
  private pending = 0;
  private readonly fd: number;
  bytes = 0;
  lines = 0;
  constructor(path: string) {
    mkdirSync(dirname(path), { recursive: true });
    this.fd = openSync(path, "w");
  }
  line(text: string) {
    this.raw(`${text}\n`);
    this.lines++;
  }
  raw(text: string) {
    this.chunks.push(text);
    this.pending += text.length;
    if (this.pending > 256 * 1024) this.flush();
  }
  private flush() {
    if (this.chunks.length === 0) return;
    const buffer = Buffer.from(this.chunks.join(""));
    writeSync(this.fd, buffer);
    this.bytes += buffer.length;
    this.chunks = [];
    this.pending = 0;
  }
  close() {
    this.flush();
    closeSync(this.fd);
  }
}

const iso = (ms: number) => new Date(ms).toISOString();

// ---------------------------------------------------------------- Claude Code

const claudeModels: readonly (readonly [string, number])[] = [
  ["claude-sonnet-4-5-20250929", 30],
  ["claude-sonnet-4-20250514", 12],
  ["claude-opus-4-1-20250805", 8],
  ["claude-opus-4-5-20251101", 10],
  ["claude-haiku-4-5-20251001", 12],
  ["claude-3-5-haiku-20241022", 5],
  ["claude-opus-4-6", 6],
  ["claude-opus-4-20250514", 3],
  ["claude-sonnet-4-6", 4],
  ["acme-coder-7b", 3], // a model no price table knows
];

interface Session {
  id: string;
  project: string;
  cwd: string;
  version: string;
  model: string;
  t: number;
  parent: string | null;
  legacy: boolean;
}

interface ClaudeState {
  r: Rng;
  pool: string;
  projectsDir: string;
  summary: CorpusSummary;
  edge: boolean;
  /** Recent assistant lines (as objects) that later sessions may replay (resumes) or sidechains copy. */
  replayable: Record<string, unknown>[];
}

/** A slice of the pool that never splits an emoji's surrogate pair (Claude Code writes no lone surrogates). */
function slicePool(pool: string, start: number, length: number): string {
  const isLow = (i: number) => (pool.charCodeAt(i) & 0xfc00) === 0xdc00;
  const from = isLow(start) ? start + 1 : start;
  const to = isLow(start + length) ? start + length + 1 : start + length;
  return pool.slice(from, to);
}

function poolText(s: ClaudeState, length: number): string {
  return slicePool(s.pool, s.r.int(0, s.pool.length - length - 2), length);
}

function usageFor(s: ClaudeState, session: Session, streamedFraction: number) {
  const { r } = s;
  const longContext = session.model.startsWith("claude-sonnet-4") && r.chance(0.06);
  const cacheRead = longContext ? r.int(200_001, 420_000) : r.chance(0.85) ? r.int(8_000, 150_000) : 0;
  const cacheWrite = r.chance(0.5) ? r.int(100, 12_000) : 0;
  const oneHour = r.chance(0.25) ? r.int(0, cacheWrite) : 0;
  const output = Math.max(1, Math.round(r.int(20, 4_000) * streamedFraction));
  const usage: Record<string, unknown> = {
    input_tokens: longContext ? r.int(200_001, 260_000) : r.int(1, 60),
    cache_creation_input_tokens: cacheWrite,
    cache_read_input_tokens: cacheRead,
    output_tokens: output,
    service_tier: "standard",
  };
  if (r.chance(0.8))
    usage.cache_creation = {
      ephemeral_5m_input_tokens: cacheWrite - oneHour,
      ephemeral_1h_input_tokens: oneHour,
    };
  if (session.model === "claude-opus-4-6" && r.chance(0.3)) usage.speed = "fast";
  return usage;
}

function baseLine(session: Session, type: string, uuidValue: string, t: number): Record<string, unknown> {
  return {
    parentUuid: session.parent,
    isSidechain: false,
    userType: "external",
    cwd: session.cwd,
    sessionId: session.id,
    version: session.version,
    gitBranch: "main",
    type,
    uuid: uuidValue,
    timestamp: iso(t),
  };
}

function writeTurn(s: ClaudeState, w: FileWriter, session: Session, subagentDir: string) {
  const { r } = s;
  session.t += r.int(5_000, 3_600_000);
  const userUuid = uuid(r);
  w.line(
    JSON.stringify({
      ...baseLine(session, "user", userUuid, session.t),
      message: { role: "user", content: poolText(s, r.int(40, 1_500)) },
    }),
  );
  session.parent = userUuid;
  const steps = r.int(1, 4);
  for (let step = 0; step < steps; step++) {
    session.t += r.int(1_000, 90_000);
    const messageId = `msg_01${b62(r, 22)}`;
    const requestId = `req_011C${b62(r, 20)}`;
    const blocks = r.int(1, 3);
    const finalUsage = usageFor(s, session, 1);
    let toolUseId: string | undefined;
    for (let b = 0; b < blocks; b++) {
      const last = b === blocks - 1;
      const kind = last
        ? r.weighted([
            ["tool_use", 6],
            ["text", 4],
          ] as const)
        : r.pick(["thinking", "text"] as const);
      let content: Record<string, unknown>;
      if (kind === "tool_use") {
        toolUseId = `toolu_01${b62(r, 22)}`;
        content = {
          type: "tool_use",
          id: toolUseId,
          name: r.pick(["Bash", "Read", "Edit", "Grep", "Task"]),
          input: { command: poolText(s, r.int(20, 2_000)) },
        };
      } else if (kind === "thinking") {
        content = { type: "thinking", thinking: poolText(s, r.int(100, 3_000)), signature: b62(r, 80) };
      } else content = { type: "text", text: poolText(s, r.int(20, 2_500)) };
      // Streamed blocks: earlier lines carry the usage seen so far, the last one the final count.
      const usage = last
        ? finalUsage
        : { ...finalUsage, output_tokens: r.int(1, Number(finalUsage.output_tokens)) };
      const lineUuid = uuid(r);
      const line: Record<string, unknown> = {
        ...baseLine(session, "assistant", lineUuid, session.t + b * 40),
        message: {
          id: messageId,
          type: "message",
          role: "assistant",
          model: session.model,
          content: [content],
          stop_reason: last ? (kind === "tool_use" ? "tool_use" : "end_turn") : null,
          stop_sequence: null,
          usage,
        },
        requestId,
      };
      if (session.legacy) {
        line.costUSD = Number((r.next() * 0.2).toFixed(6));
        if (r.chance(0.5)) delete line.requestId;
      }
      if (r.chance(0.01)) {
        (line.message as Record<string, unknown>).usage = {
          ...usage,
          iterations: [
            { type: "message", model: null, input_tokens: 3, output_tokens: 10 },
            {
              type: "advisor_message",
              model: "claude-haiku-4-5",
              input_tokens: r.int(100, 5_000),
              output_tokens: r.int(10, 500),
            },
          ],
        };
      }
      w.line(JSON.stringify(line));
      session.parent = lineUuid;
      if (last && !session.legacy) s.replayable.push(line);
    }
    if (s.replayable.length > 200) s.replayable.splice(0, 100);
    if (toolUseId) {
      const output = poolText(
        s,
        r.weighted([
          [r.int(200, 4_000), 6],
          [r.int(4_000, 60_000), 3],
          [r.int(60_000, 150_000), 1],
        ] as const),
      );
      const resultUuid = uuid(r);
      const taskUsage = r.chance(0.03)
        ? { totalTokens: r.int(1000, 90_000), usage: { input_tokens: 10, output_tokens: 500 } } // Task results mention usage
        : {};
      w.line(
        JSON.stringify({
          ...baseLine(session, "user", resultUuid, session.t + 2_000),
          message: {
            role: "user",
            content: [{ tool_use_id: toolUseId, type: "tool_result", content: output }],
          },
          toolUseResult: { stdout: output.slice(0, 2_000), stderr: "", interrupted: false, ...taskUsage },
        }),
      );
      session.parent = resultUuid;
    }
    if (r.chance(0.08)) writeSubagent(s, w, session, subagentDir);
  }
  if (r.chance(0.01)) {
    // An API error Claude Code records as a synthetic assistant message.
    w.line(
      JSON.stringify({
        ...baseLine(session, "assistant", uuid(r), session.t + 500),
        message: {
          id: `msg_${uuid(r)}`,
          model: "<synthetic>",
          role: "assistant",
          content: [{ type: "text", text: "API Error" }],
          usage: {
            input_tokens: 0,
            output_tokens: 0,
            cache_creation_input_tokens: 0,
            cache_read_input_tokens: 0,
          },
        },
        isApiErrorMessage: true,
      }),
    );
  }
}

/** A Task subagent: its own file under `<session>/subagents/`, with some lines copied as progress into the parent. */
function writeSubagent(s: ClaudeState, parent: FileWriter, session: Session, subagentDir: string) {
  const { r } = s;
  const agentId = hex(r, 8);
  const sub = new FileWriter(join(subagentDir, `agent-${agentId}.jsonl`));
  const toolUseId = `toolu_01${b62(r, 22)}`;
  const n = r.int(2, 8);
  const model = r.chance(0.5) ? "claude-haiku-4-5-20251001" : session.model;
  let t = session.t;
  for (let i = 0; i < n; i++) {
    t += r.int(2_000, 40_000);
    const line = {
      ...baseLine(session, "assistant", uuid(r), t),
      isSidechain: true,
      agentId,
      message: {
        id: `msg_01${b62(r, 22)}`,
        type: "message",
        role: "assistant",
        model,
        content: [{ type: "text", text: poolText(s, r.int(50, 1_500)) }],
        stop_reason: "end_turn",
        stop_sequence: null,
        usage: usageFor(s, { ...session, model }, 1),
      },
      requestId: `req_011C${b62(r, 20)}`,
    };
    // Some progress copies exist only in the parent (the subagent line itself was never written).
    const onlyInParent = r.chance(0.15);
    if (!onlyInParent) sub.line(JSON.stringify(line));
    if (onlyInParent || r.chance(0.5)) {
      parent.line(
        JSON.stringify({
          ...baseLine(session, "progress", uuid(r), t + 5),
          data: { message: line, type: "agent_progress", prompt: "", agentId },
          toolUseID: `agent_msg_${b62(r, 20)}`,
          parentToolUseID: toolUseId,
        }),
      );
    }
  }
  if (r.chance(0.3) && s.replayable.length > 0) {
    // A `/btw` side question replays a parent response with a new request id, as a sidechain.
    const original = r.pick(s.replayable) as { timestamp: string };
    sub.line(
      JSON.stringify({
        ...original,
        isSidechain: true,
        requestId: `req_011C${b62(r, 20)}`,
        timestamp: r.chance(0.5) ? original.timestamp : iso(t + 1_000),
      }),
    );
  }
  sub.close();
  s.summary.files++;
  s.summary.bytes += sub.bytes;
  s.summary.lines += sub.lines;
  session.t = t;
}

/** Lines ccusage has explicit rules for; each is valid JSON unless said otherwise. */
function edgeLines(s: ClaudeState, session: Session): string[] {
  const { r } = s;
  const t = iso(session.t);
  const msg = (usage: Record<string, unknown>, extra: Record<string, unknown> = {}, model = session.model) =>
    JSON.stringify({
      ...baseLine(session, "assistant", uuid(r), session.t),
      message: { id: `msg_01${b62(r, 22)}`, model, role: "assistant", content: [], usage },
      requestId: `req_011C${b62(r, 20)}`,
      ...extra,
    });
  const u = { input_tokens: 12, output_tokens: 340, cache_read_input_tokens: 5_000 };
  return [
    "this is not json at all",
    `{"type":"assistant","timestamp":"${t}","message":{"usage":{"input_tokens":5,`, // cut off mid-line
    msg({ ...u, input_tokens: 1.5 }),
    msg({ ...u, output_tokens: -3 }),
    msg({ ...u, input_tokens: "12" }),
    msg(u).replace('"input_tokens":12', '"input_tokens":12.0'),
    msg(u, {}, null as unknown as string),
    msg(u, { toolUseResult: { id: null, ok: true } }),
    msg(u, { toolUseResult: { content: null } }),
    msg(u, { version: "not-a-version" }),
    msg(u, { version: "2.0.14-beta.1" }),
    msg(u, { requestId: "" }),
    msg(u, { timestamp: t.replace("Z", "+02:00") }),
    msg(u, { timestamp: t.replace(/\.\d{3}Z$/, "Z") }),
    msg(u, { timestamp: t.replace("Z", "123Z") }),
    msg(u, { timestamp: t.replace("T", " ") }),
    msg(u).replace('"usage":{', '"usage": {'),
    msg({ ...u, speed: "turbo" }),
    msg({ ...u, cache_creation: null, cache_creation_input_tokens: 77 }),
    msg(u, { isSidechain: "yes" }),
    msg(u, { isApiErrorMessage: "yes" }),
    msg(u, {}, "claude-opus-4.5"),
    msg({ ...u, cache_creation: { ephemeral_1h_input_tokens: 999 } }),
    JSON.stringify({ type: "summary", summary: "usage notes", leafUuid: uuid(r) }),
  ];
}

function writeClaudeSession(
  s: ClaudeState,
  session: Session,
  targetBytes: number,
  replay: Record<string, unknown>[],
  truncate = false,
) {
  const { r } = s;
  const sessionDir = join(s.projectsDir, session.project);
  const path = join(sessionDir, `${session.id}.jsonl`);
  const w = new FileWriter(path);
  for (const line of replay) w.line(JSON.stringify({ ...line, sessionId: session.id })); // a resumed session
  if (s.edge && r.chance(0.3)) for (const line of edgeLines(s, session)) w.line(line);
  while (w.bytes + 300_000 < targetBytes || w.lines < 4) {
    writeTurn(s, w, session, join(sessionDir, session.id, "subagents"));
    if (w.lines > 20_000) break;
  }
  if (truncate || r.chance(0.05)) {
    // The agent was killed mid-write: the last line is cut off and has no newline.
    w.raw(
      `{"parentUuid":"${session.parent}","type":"assistant","timestamp":"${iso(session.t + 1000)}","message":{"id":"msg_01${b62(r, 22)}","usage":{"input_tokens":1`,
    );
  }
  w.close();
  s.summary.files++;
  s.summary.sessions++;
  s.summary.bytes += w.bytes;
  s.summary.lines += w.lines;
}

export function generateClaudeCorpus(options: CorpusOptions): CorpusSummary {
  const r = rng(options.seed ?? 1);
  const start = Date.parse(`${options.startDate ?? "2025-09-01"}T00:00:00Z`);
  const days = options.days ?? 30;
  const s: ClaudeState = {
    r,
    pool: textPool(r),
    projectsDir: join(options.dir, "projects"),
    summary: { files: 0, bytes: 0, sessions: 0, lines: 0 },
    edge: options.edgeCases ?? false,
    replayable: [],
  };
  mkdirSync(s.projectsDir, { recursive: true });
  const projects = Array.from(
    { length: 6 },
    (_, i) => `-home-dev-src-${["api", "web", "cli", "infra", "docs", "ml"][i]}`,
  );
  let previous: Session | undefined;
  const perSession = Math.max(20_000, Math.min(4_000_000, options.targetBytes / 40));
  // The first sessions make sure even a small corpus has every feature; later ones are left to chance.
  for (let index = 0; s.summary.bytes < options.targetBytes; index++) {
    const resume = previous !== undefined && (index === 2 || r.chance(0.15)) && s.replayable.length > 0;
    const forcedModel = ["acme-coder-7b", "claude-opus-4-6", "claude-sonnet-4-5-20250929"][index - 3];
    const session: Session = {
      id: uuid(r),
      project: resume ? previous!.project : r.pick(projects),
      cwd: "/home/dev/src",
      version: r.pick(["2.0.14", "2.0.22", "1.0.98", "2.0.31"]),
      model: forcedModel ?? r.weighted(claudeModels),
      t: start + r.int(0, days * 86_400_000 - 1),
      parent: null,
      legacy: index === 1 || r.chance(0.04),
    };
    if (session.legacy) session.version = "0.2.112";
    const replay = resume ? s.replayable.slice(-r.int(1, Math.min(12, s.replayable.length))) : [];
    writeClaudeSession(s, session, r.int(perSession / 3, perSession * 2), replay, index === 0);
    previous = session;
  }
  if (s.edge) {
    // Odd placements: a flat legacy file, a nested chat file, a file Claude never writes (.JSONL).
    const odd = { ...s.summary };
    const session: Session = {
      id: "nested-chat",
      project: projects[0]!,
      cwd: "/",
      version: "2.0.1",
      model: "claude-sonnet-4-5-20250929",
      t: start + 3_600_000,
      parent: null,
      legacy: false,
    };
    const w = new FileWriter(join(s.projectsDir, projects[0]!, "nested-chat", "chat.jsonl"));
    writeTurn(s, w, session, join(s.projectsDir, projects[0]!, "nested-chat", "subagents"));
    w.close();
    // A session that only hit API errors: no tokens (ccusage lists no such session, but counts its day).
    const failed = new FileWriter(join(s.projectsDir, projects[2]!, `${uuid(r)}.jsonl`));
    failed.line(
      JSON.stringify({
        ...baseLine({ ...session, id: "failed" }, "assistant", uuid(r), start + 7_200_000),
        message: {
          id: `msg_${uuid(r)}`,
          model: "<synthetic>",
          role: "assistant",
          content: [],
          usage: { input_tokens: 0, output_tokens: 0 },
        },
        isApiErrorMessage: true,
      }),
    );
    failed.close();
    const upper = new FileWriter(join(s.projectsDir, projects[1]!, "IGNORED.JSONL"));
    writeTurn(s, upper, { ...session, id: "ignored" }, join(s.projectsDir, "ignored"));
    upper.close();
    s.summary = {
      ...odd,
      files: odd.files + 2,
      bytes: odd.bytes + w.bytes + upper.bytes,
      lines: odd.lines + w.lines,
    };
  }
  return s.summary;
}

// ---------------------------------------------------------------- Codex CLI

const codexModels: readonly (readonly [string, number])[] = [
  ["gpt-5-codex", 25],
  ["gpt-5.1-codex", 15],
  ["gpt-5.1-codex-mini", 8],
  ["gpt-5.2-codex", 10],
  ["gpt-5", 10],
  ["gpt-5.4", 10],
  ["gpt-5.5", 5],
  ["gpt-5.3-codex", 5],
];

export function generateCodexCorpus(options: CorpusOptions): CorpusSummary {
  const r = rng(options.seed ?? 7);
  const pool = textPool(r);
  const text = (n: number) => slicePool(pool, r.int(0, pool.length - n - 2), n);
  const start = Date.parse(`${options.startDate ?? "2025-09-01"}T00:00:00Z`);
  const days = options.days ?? 30;
  const summary: CorpusSummary = { files: 0, bytes: 0, sessions: 0, lines: 0 };
  const perSession = Math.max(20_000, Math.min(4_000_000, options.targetBytes / 30));
  while (summary.bytes < options.targetBytes) {
    const id = `0199${hex(r, 4)}-${hex(r, 4)}-7${hex(r, 3)}-8${hex(r, 3)}-${hex(r, 12)}`;
    let t = start + r.int(0, days * 86_400_000 - 1);
    const d = new Date(t).toISOString();
    const path = join(
      options.dir,
      "sessions",
      d.slice(0, 4),
      d.slice(5, 7),
      d.slice(8, 10),
      `rollout-${d.slice(0, 19).replace(/:/g, "-")}-${id}.jsonl`,
    );
    const w = new FileWriter(path);
    const line = (type: string, payload: unknown) =>
      w.line(JSON.stringify({ timestamp: iso(t), type, payload }));
    line("session_meta", {
      id,
      timestamp: iso(t),
      cwd: "/home/dev/src/api",
      originator: "codex_cli_rs",
      cli_version: "0.58.0",
    });
    let model = r.weighted(codexModels);
    const named = !r.chance(0.03); // a few early rollouts never name their model
    const totals = {
      input_tokens: 0,
      cached_input_tokens: 0,
      output_tokens: 0,
      reasoning_output_tokens: 0,
      total_tokens: 0,
    };
    line("event_msg", { type: "token_count", info: null, rate_limits: null });
    const target = r.int(perSession / 3, perSession * 2);
    while (w.bytes + 200_000 < target || w.lines < 6) {
      t += r.int(5_000, 1_800_000);
      if (r.chance(0.1)) model = r.weighted(codexModels);
      if (named)
        line("turn_context", {
          cwd: "/home/dev/src/api",
          approval_policy: "on-request",
          model,
          effort: "medium",
          summary: "auto",
        });
      if (model === "gpt-5.5" && r.chance(0.5))
        line("event_msg", {
          type: "thread_settings_applied",
          thread_settings: { service_tier: r.pick(["priority", "default"]) },
        });
      line("response_item", {
        type: "message",
        role: "user",
        content: [{ type: "input_text", text: text(r.int(50, 1_500)) }],
      });
      for (let step = r.int(1, 4); step > 0; step--) {
        t += r.int(1_000, 60_000);
        line("response_item", {
          type: "function_call",
          name: "shell",
          arguments: JSON.stringify({ command: ["bash", "-lc", text(r.int(10, 300))] }),
          call_id: `call_${b62(r, 24)}`,
        });
        line("response_item", {
          type: "function_call_output",
          call_id: `call_${b62(r, 24)}`,
          output: text(
            r.weighted([
              [r.int(100, 3_000), 6],
              [r.int(3_000, 60_000), 3],
            ] as const),
          ),
        });
        const long = (model === "gpt-5.4" || model === "gpt-5.5") && r.chance(0.1);
        const input = long ? r.int(272_001, 400_000) : r.int(2_000, 120_000);
        const last = {
          input_tokens: input,
          cached_input_tokens: Math.floor(input * r.next() * 0.9),
          output_tokens: r.int(10, 6_000),
          reasoning_output_tokens: 0,
          total_tokens: 0,
        };
        last.reasoning_output_tokens = r.int(0, last.output_tokens);
        last.total_tokens = last.input_tokens + last.output_tokens;
        for (const key of Object.keys(totals) as (keyof typeof totals)[]) totals[key] += last[key];
        const info: Record<string, unknown> = {
          total_token_usage: { ...totals },
          model_context_window: 272_000,
        };
        if (!r.chance(0.1)) info.last_token_usage = last; // some builds wrote only the cumulative total
        line("event_msg", {
          type: "token_count",
          info,
          rate_limits: { primary: { used_percent: 7.0, window_minutes: 300 } },
        });
        if (r.chance(0.2)) line("event_msg", { type: "token_count", info, rate_limits: null }); // repeated, nothing new spent
        line("event_msg", { type: "agent_message", message: text(r.int(20, 800)) });
      }
    }
    if (r.chance(0.05))
      w.raw(
        `{"timestamp":"${iso(t + 1)}","type":"event_msg","payload":{"type":"token_count","info":{"total_token_usage":{"input_tokens":1`,
      );
    w.close();
    summary.files++;
    summary.sessions++;
    summary.bytes += w.bytes;
    summary.lines += w.lines;
  }
  return summary;
}

// ---------------------------------------------------------------- checking what a corpus contains

export interface CorpusFeatures {
  streamedCopies: number;
  copiesAcrossFiles: number;
  subagentFiles: number;
  progressLines: number;
  bigToolResults: number;
  truncatedFiles: number;
  unknownModelLines: number;
  legacyCostLines: number;
  oneHourCacheWrites: number;
  longContextRequests: number;
  fastModeLines: number;
}

/** Counts the features a Claude corpus exercises, so a test can insist that each is there. */
export function claudeCorpusFeatures(dir: string): CorpusFeatures {
  const features: CorpusFeatures = {
    streamedCopies: 0,
    copiesAcrossFiles: 0,
    subagentFiles: 0,
    progressLines: 0,
    bigToolResults: 0,
    truncatedFiles: 0,
    unknownModelLines: 0,
    legacyCostLines: 0,
    oneHourCacheWrites: 0,
    longContextRequests: 0,
    fastModeLines: 0,
  };
  const filesByMessage = new Map<string, Set<string>>();
  const walk = (d: string): string[] =>
    readdirSync(d, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(join(d, e.name)) : [join(d, e.name)],
    );
  for (const file of walk(join(dir, "projects")).filter((f) => f.endsWith(".jsonl"))) {
    const text = readFileSync(file, "utf8");
    if (file.includes(`${sep}subagents${sep}`)) features.subagentFiles++;
    if (text.length > 0 && !text.endsWith("\n")) features.truncatedFiles++;
    const seen = new Set<string>();
    for (const line of text.split("\n")) {
      if (line.includes('"type":"progress"')) features.progressLines++;
      if (line.includes('"type":"tool_result"') && line.length > 20_000) features.bigToolResults++;
      if (line.includes('"model":"acme-coder-7b"')) features.unknownModelLines++;
      if (line.includes('"costUSD":')) features.legacyCostLines++;
      if (/"ephemeral_1h_input_tokens":[1-9]/.test(line)) features.oneHourCacheWrites++;
      if (/"(?:input|cache_read_input)_tokens":(?:[2-9]\d{5}|\d{7,})/.test(line))
        features.longContextRequests++;
      if (line.includes('"speed":"fast"')) features.fastModeLines++;
      const id = /"message":\{"id":"(msg_[^"]+)"/.exec(line)?.[1];
      if (id) {
        if (seen.has(id)) features.streamedCopies++;
        seen.add(id);
        const files = filesByMessage.get(id) ?? new Set();
        files.add(file);
        filesByMessage.set(id, files);
      }
    }
  }
  for (const files of filesByMessage.values()) if (files.size > 1) features.copiesAcrossFiles++;
  return features;
}
