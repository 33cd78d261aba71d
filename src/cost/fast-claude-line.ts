// Reads a Claude Code usage line straight from its bytes, with parseClaudeLine's exact verdict or none at all.
//
// parseClaudeLine (decode, JSON.parse, the raw-text rules, the quick check or zod) is the definition of
// which lines count; it costs ~10 µs a line, most of a cold report. This reader walks the line's bytes once,
// checking the JSON syntax as JSON.parse would and picking up the few fields cost needs, and answers only
// when the answer is certain: an entry (the same fields the quick check gives), "other" (valid JSON without
// a usage object) or "malformed" (a bad timestamp, version or empty id, as the slow path decides after
// its checks). Anything unusual — an escape or non-ASCII byte in a field it reads, a key written twice, a
// null or wrong type where a value is read, a token count that is not a plain integer, an advisor
// iteration, a `:null` the raw-text rule could reject — makes it answer "unsure", and the caller then runs
// parseClaudeLine. test/cost/fast-claude-line.test.ts checks both agree on random and real lines.
//
// The line is read from a buffer whose byte at `length` is 0: no JSON token contains that byte, so every
// loop stops there without bound checks.
import { parseTimestamp } from "./parse-timestamp.js";

export const fastVerdict = { unsure: 0, entry: 1, other: 2, malformed: 3 } as const;

/** What one object level of the line held (the line itself, or the subagent line of a progress line). */
class Found {
  tsStart = -1;
  tsEnd = -1;
  messageSeen = false;
  messageObject = false;
  usageSeen = false;
  modelStart = -1;
  modelEnd = -1;
  idStart = -1;
  idEnd = -1;
  versionStart = -1;
  versionEnd = -1;
  sessionStart = -1;
  sessionEnd = -1;
  requestStart = -1;
  requestEnd = -1;
  costSeen = false;
  cost = 0;
  sidechainSeen = false;
  sidechain = false;
  apiErrorSeen = false;
  apiErrorOk = true;
  dataSeen = false;
  dataMessageSeen = false;
  /** data.message is an object (progress lines). */
  present = false;
  input = -1;
  output = -1;
  flatWrite = -1;
  read = -1;
  speedSeen = false;
  fast = false;
  bucketsSeen = false;
  bucketsObject = false;
  write5m = -1;
  write1h = -1;

  reset(): void {
    this.tsStart = -1;
    this.tsEnd = -1;
    this.messageSeen = false;
    this.messageObject = false;
    this.usageSeen = false;
    this.modelStart = -1;
    this.modelEnd = -1;
    this.idStart = -1;
    this.idEnd = -1;
    this.versionStart = -1;
    this.versionEnd = -1;
    this.sessionStart = -1;
    this.sessionEnd = -1;
    this.requestStart = -1;
    this.requestEnd = -1;
    this.costSeen = false;
    this.cost = 0;
    this.sidechainSeen = false;
    this.sidechain = false;
    this.apiErrorSeen = false;
    this.apiErrorOk = true;
    this.dataSeen = false;
    this.dataMessageSeen = false;
    this.present = false;
    this.input = -1;
    this.output = -1;
    this.flatWrite = -1;
    this.read = -1;
    this.speedSeen = false;
    this.fast = false;
    this.bucketsSeen = false;
    this.bucketsObject = false;
    this.write5m = -1;
    this.write1h = -1;
  }
}

/** The answer for an `entry` verdict: where its fields are in the line. */
export interface FastLine {
  /** The level holding timestamp, message and ids: the line, or `data.message` of a progress line. */
  fields: Found;
  /** The line's own level (its `sessionId` is the entry's, also for progress lines). */
  top: Found;
  progress: boolean;
  timestamp: number;
  generalOk: boolean;
}

const top = new Found();
const nested = new Found();
export const fastLine: FastLine = { fields: top, top, progress: false, timestamp: 0, generalOk: true };

const FAIL = -1;
const maxDepth = 64;

let b: Uint8Array = new Uint8Array(1);
let depth = 0;
let strEscaped = false;
let strNonAscii = false;
let numFracExp = false;
let numInt = false;
let numValue = 0;

// ---------------------------------------------------------------- JSON syntax, as JSON.parse checks it

function ws(p: number): number {
  const bytes = b;
  let c = bytes[p];
  while (c === 32 || c === 10 || c === 13 || c === 9) c = bytes[++p];
  return p;
}

const isHex = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);

/** `b[p]` is a quote; returns the index after the closing quote. */
function str(p: number): number {
  const bytes = b;
  let escaped = false;
  let nonAscii = false;
  for (p++; ; p++) {
    const c = bytes[p]!;
    if (c === 34) break;
    if (c === 92) {
      escaped = true;
      const n = bytes[++p]!;
      if (n === 117) {
        if (!isHex(bytes[p + 1]!) || !isHex(bytes[p + 2]!) || !isHex(bytes[p + 3]!) || !isHex(bytes[p + 4]!))
          return FAIL;
        p += 4;
      } else if (
        n !== 34 &&
        n !== 92 &&
        n !== 47 &&
        n !== 98 &&
        n !== 102 &&
        n !== 110 &&
        n !== 114 &&
        n !== 116
      )
        return FAIL;
    } else if (c < 32) return FAIL;
    else if (c > 127) nonAscii = true;
  }
  strEscaped = escaped;
  strNonAscii = nonAscii;
  return p + 1;
}

const isDigit = (c: number | undefined) => c !== undefined && c >= 48 && c <= 57;

function num(p: number): number {
  const start = p;
  if (b[p] === 45) p++;
  const first = b[p]!;
  if (first === 48) p++;
  else if (first >= 49 && first <= 57) {
    p++;
    while (isDigit(b[p])) p++;
  } else return FAIL;
  const integerEnd = p;
  let fractionOrExponent = false;
  if (b[p] === 46) {
    p++;
    if (!isDigit(b[p])) return FAIL;
    while (isDigit(b[p])) p++;
    fractionOrExponent = true;
  }
  if (b[p] === 101 || b[p] === 69) {
    p++;
    if (b[p] === 43 || b[p] === 45) p++;
    if (!isDigit(b[p])) return FAIL;
    while (isDigit(b[p])) p++;
    fractionOrExponent = true;
  }
  numFracExp = fractionOrExponent;
  // A plain count below 10^15 is exactly what JSON.parse gives; anything else is left to it.
  numInt = !fractionOrExponent && b[start] !== 45 && integerEnd - start <= 15;
  if (numInt) {
    let value = 0;
    for (let i = start; i < integerEnd; i++) value = value * 10 + (b[i]! - 48);
    numValue = value;
  }
  return p;
}

const TRUE = Buffer.from("true");
const FALSE = Buffer.from("false");
const NULL = Buffer.from("null");

function lit(p: number, word: Uint8Array): number {
  for (let i = 0; i < word.length; i++) if (b[p + i] !== word[i]) return FAIL;
  return p + word.length;
}

function skip(p: number): number {
  const c = b[p]!;
  if (c === 34) return str(p);
  if (c === 123) return object(p);
  if (c === 91) return array(p);
  if (c === 116) return lit(p, TRUE);
  if (c === 102) return lit(p, FALSE);
  if (c === 110) return lit(p, NULL);
  if (c === 45 || (c >= 48 && c <= 57)) return num(p);
  return FAIL;
}

function array(p: number): number {
  if (++depth > maxDepth) return FAIL;
  p = ws(p + 1);
  if (b[p] === 93) {
    depth--;
    return p + 1;
  }
  for (;;) {
    p = skip(p);
    if (p < 0) return FAIL;
    p = ws(p);
    const c = b[p];
    if (c === 44) p = ws(p + 1);
    else if (c === 93) {
      depth--;
      return p + 1;
    } else return FAIL;
  }
}

/** An object of no interest (any key, any value), but for the token-count rule (see `member`). */
function object(p: number): number {
  if (++depth > maxDepth) return FAIL;
  p = ws(p + 1);
  if (b[p] === 125) {
    depth--;
    return p + 1;
  }
  for (;;) {
    if (b[p] !== 34) return FAIL;
    const keyStart = p + 1;
    p = str(p);
    if (p < 0) return FAIL;
    const keyEnd = p - 1;
    p = ws(p);
    if (b[p] !== 58) return FAIL;
    p = member(ws(p + 1), keyStart, keyEnd);
    if (p < 0) return FAIL;
    p = ws(p);
    const c = b[p];
    if (c === 44) p = ws(p + 1);
    else if (c === 125) {
      depth--;
      return p + 1;
    } else return FAIL;
  }
}

/**
 * A member value this reader does not need. ccusage rejects a line in which a token count anywhere near the
 * usage object is written with a fraction or exponent (parseClaudeLine's `nonIntegerTokenCount`): such a
 * line is left to parseClaudeLine, wherever the key sits.
 */
function member(p: number, keyStart: number, keyEnd: number): number {
  const c = b[p]!;
  if (c === 45 || (c >= 48 && c <= 57)) {
    p = num(p);
    if (p >= 0 && numFracExp && tokenKey(keyCode(keyStart, keyEnd))) return FAIL;
    return p;
  }
  return skip(p);
}

// ---------------------------------------------------------------- the keys this reader looks at

const K = {
  other: 0,
  timestamp: 1,
  message: 2,
  version: 3,
  sessionId: 4,
  costUSD: 5,
  requestId: 6,
  isSidechain: 7,
  isApiErrorMessage: 8,
  data: 9,
  usage: 10,
  model: 11,
  id: 12,
  inputTokens: 13,
  outputTokens: 14,
  cacheCreationInputTokens: 15,
  cacheReadInputTokens: 16,
  speed: 17,
  cacheCreation: 18,
  ephemeral5m: 19,
  ephemeral1h: 20,
} as const;

const names: [string, number][] = [
  ["timestamp", K.timestamp],
  ["message", K.message],
  ["version", K.version],
  ["sessionId", K.sessionId],
  ["costUSD", K.costUSD],
  ["requestId", K.requestId],
  ["isSidechain", K.isSidechain],
  ["isApiErrorMessage", K.isApiErrorMessage],
  ["data", K.data],
  ["usage", K.usage],
  ["model", K.model],
  ["id", K.id],
  ["input_tokens", K.inputTokens],
  ["output_tokens", K.outputTokens],
  ["cache_creation_input_tokens", K.cacheCreationInputTokens],
  ["cache_read_input_tokens", K.cacheReadInputTokens],
  ["speed", K.speed],
  ["cache_creation", K.cacheCreation],
  ["ephemeral_5m_input_tokens", K.ephemeral5m],
  ["ephemeral_1h_input_tokens", K.ephemeral1h],
];
/** Key bytes by length, so a key is compared only with names as long as it. */
const byLength: { bytes: Buffer; code: number }[][] = [];
for (const [name, code] of names) {
  const list = byLength[name.length] ?? [];
  list.push({ bytes: Buffer.from(name), code });
  byLength[name.length] = list;
}

function keyCode(start: number, end: number): number {
  const candidates = byLength[end - start];
  if (candidates === undefined) return K.other;
  outer: for (const { bytes, code } of candidates) {
    for (let i = 0; i < bytes.length; i++) if (b[start + i] !== bytes[i]) continue outer;
    return code;
  }
  return K.other;
}

const tokenKey = (code: number) =>
  code === K.inputTokens ||
  code === K.outputTokens ||
  code === K.cacheCreationInputTokens ||
  code === K.cacheReadInputTokens ||
  code === K.ephemeral5m ||
  code === K.ephemeral1h;

// ---------------------------------------------------------------- the objects this reader looks into

const LINE = 0;
const NESTED = 1;
const MESSAGE = 2;
const USAGE = 3;
const BUCKETS = 4;
const DATA = 5;

let valueStart = 0;
let valueEnd = 0;

/** A string of plain ASCII without escapes (what Claude Code writes for ids, models, versions). */
function plainString(p: number): number {
  if (b[p] !== 34) return FAIL;
  const end = str(p);
  if (end < 0 || strEscaped || strNonAscii) return FAIL;
  valueStart = p + 1;
  valueEnd = end - 1;
  return end;
}

/** A plain non-negative integer, or FAIL. */
function count(p: number): number {
  const c = b[p]!;
  if (c < 48 || c > 57) return FAIL;
  p = num(p);
  return p >= 0 && numInt ? p : FAIL;
}

function keyed(p: number, kind: number, f: Found): number {
  if (++depth > maxDepth) return FAIL;
  p = ws(p + 1);
  if (b[p] === 125) {
    depth--;
    return p + 1;
  }
  for (;;) {
    if (b[p] !== 34) return FAIL;
    const keyStart = p + 1;
    p = str(p);
    // An escaped key could spell a name this reader looks for: leave such lines to JSON.parse.
    if (p < 0 || strEscaped) return FAIL;
    const keyEnd = p - 1;
    p = ws(p);
    if (b[p] !== 58) return FAIL;
    p = ws(p + 1);
    const code = keyCode(keyStart, keyEnd);
    p = code === K.other ? member(p, keyStart, keyEnd) : field(p, kind, code, f, keyStart, keyEnd);
    if (p < 0) return FAIL;
    p = ws(p);
    const c = b[p];
    if (c === 44) p = ws(p + 1);
    else if (c === 125) {
      depth--;
      return p + 1;
    } else return FAIL;
  }
}

/** One member of a known object; a value of the wrong type, or a key seen twice, fails. */
function field(p: number, kind: number, code: number, f: Found, keyStart: number, keyEnd: number): number {
  if (kind === LINE || kind === NESTED) {
    switch (code) {
      case K.timestamp:
        if (f.tsStart >= 0) return FAIL;
        p = plainString(p);
        f.tsStart = valueStart;
        f.tsEnd = valueEnd;
        return p;
      case K.message:
        if (f.messageSeen) return FAIL;
        f.messageSeen = true;
        if (b[p] !== 123) return skip(p);
        f.messageObject = true;
        return keyed(p, MESSAGE, f);
      case K.version:
        if (f.versionStart >= 0) return FAIL;
        p = plainString(p);
        f.versionStart = valueStart;
        f.versionEnd = valueEnd;
        return p;
      case K.sessionId:
        if (f.sessionStart >= 0) return FAIL;
        p = plainString(p);
        f.sessionStart = valueStart;
        f.sessionEnd = valueEnd;
        return p;
      case K.requestId:
        if (f.requestStart >= 0) return FAIL;
        p = plainString(p);
        f.requestStart = valueStart;
        f.requestEnd = valueEnd;
        return p;
      case K.costUSD: {
        const c = b[p]!;
        if (f.costSeen || !(c === 45 || (c >= 48 && c <= 57))) return FAIL;
        const end = num(p);
        if (end < 0) return FAIL;
        f.costSeen = true;
        f.cost = numInt
          ? numValue
          : Number(Buffer.from(b.buffer, b.byteOffset + p, end - p).toString("latin1"));
        return end;
      }
      case K.isSidechain:
        if (f.sidechainSeen) return FAIL;
        f.sidechainSeen = true;
        if (b[p] === 116) {
          f.sidechain = true;
          return lit(p, TRUE);
        }
        return lit(p, FALSE);
      case K.isApiErrorMessage:
        if (kind !== LINE) break;
        if (f.apiErrorSeen || b[p] === 110) return FAIL;
        f.apiErrorSeen = true;
        // ccusage's session report refuses a line whose flag is not a boolean (its daily report does not).
        if (b[p] !== 116 && b[p] !== 102) f.apiErrorOk = false;
        return skip(p);
      case K.data:
        if (kind !== LINE) break;
        if (f.dataSeen) return FAIL;
        f.dataSeen = true;
        return b[p] === 123 ? keyed(p, DATA, nested) : skip(p);
    }
  } else if (kind === MESSAGE) {
    switch (code) {
      case K.usage:
        if (f.usageSeen || b[p] !== 123) return FAIL;
        f.usageSeen = true;
        return keyed(p, USAGE, f);
      case K.model:
        if (f.modelStart >= 0) return FAIL;
        p = plainString(p);
        f.modelStart = valueStart;
        f.modelEnd = valueEnd;
        return p;
      case K.id:
        if (f.idStart >= 0) return FAIL;
        p = plainString(p);
        f.idStart = valueStart;
        f.idEnd = valueEnd;
        return p;
    }
  } else if (kind === USAGE) {
    switch (code) {
      case K.inputTokens:
        if (f.input >= 0) return FAIL;
        p = count(p);
        f.input = numValue;
        return p;
      case K.outputTokens:
        if (f.output >= 0) return FAIL;
        p = count(p);
        f.output = numValue;
        return p;
      case K.cacheCreationInputTokens:
        if (f.flatWrite >= 0) return FAIL;
        p = count(p);
        f.flatWrite = numValue;
        return p;
      case K.cacheReadInputTokens:
        if (f.read >= 0) return FAIL;
        p = count(p);
        f.read = numValue;
        return p;
      case K.speed: {
        if (f.speedSeen) return FAIL;
        f.speedSeen = true;
        p = plainString(p);
        const length = valueEnd - valueStart;
        if (length === 4 && b[valueStart] === 102 && lit(valueStart, FAST) > 0) f.fast = true;
        else if (length !== 8 || lit(valueStart, STANDARD) < 0) return FAIL;
        return p;
      }
      case K.cacheCreation:
        if (f.bucketsSeen) return FAIL;
        f.bucketsSeen = true;
        if (b[p] === 110) return lit(p, NULL);
        if (b[p] !== 123) return FAIL;
        f.bucketsObject = true;
        return keyed(p, BUCKETS, f);
    }
  } else if (kind === BUCKETS) {
    switch (code) {
      case K.ephemeral5m:
        if (f.write5m >= 0) return FAIL;
        p = count(p);
        f.write5m = numValue;
        return p;
      case K.ephemeral1h:
        if (f.write1h >= 0) return FAIL;
        p = count(p);
        f.write1h = numValue;
        return p;
    }
  } else if (kind === DATA && code === K.message) {
    if (top.dataMessageSeen) return FAIL;
    top.dataMessageSeen = true;
    if (b[p] !== 123) return skip(p);
    nested.present = true;
    return keyed(p, NESTED, nested);
  }
  return member(p, keyStart, keyEnd);
}

const FAST = Buffer.from("fast");
const STANDARD = Buffer.from("standard");

// ---------------------------------------------------------------- the raw-text rules of parseClaudeLine

const nullValue = Buffer.from(":null");
const advisor = Buffer.from('"advisor_message"');

const rejectedNullFields = [
  "id",
  "cwd",
  "model",
  "speed",
  "costUSD",
  "version",
  "sessionId",
  "requestId",
  "isApiErrorMessage",
  "cache_read_input_tokens",
  "cache_creation_input_tokens",
].map((name) => Buffer.from(name));

function sameBytes(start: number, end: number, name: Uint8Array): boolean {
  if (end - start !== name.length) return false;
  for (let i = 0; i < name.length; i++) if (b[start + i] !== name[i]) return false;
  return true;
}

/**
 * True when a `:null` in the line might be one ccusage rejects the line for (hasRejectedNullField, same
 * scan on bytes). `"model":null` is included: its exception for advisor iterations is left to the slow path.
 */
function suspectNull(line: Buffer): boolean {
  for (let from = 0; ; ) {
    const at = line.indexOf(nullValue, from);
    if (at < 0) return false;
    from = at + 5;
    let fieldEnd = at - 1;
    if (fieldEnd < 0) continue;
    if (b[fieldEnd] !== 34) while (fieldEnd > 0 && b[fieldEnd] !== 34) fieldEnd--;
    if (b[fieldEnd] !== 34) continue;
    let fieldStart = fieldEnd - 1;
    while (fieldStart > 0 && b[fieldStart] !== 34) fieldStart--;
    if (fieldStart < 0 || b[fieldStart] !== 34) continue;
    for (const name of rejectedNullFields) if (sameBytes(fieldStart + 1, fieldEnd, name)) return true;
  }
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function two(i: number): number {
  const x = b[i]! - 48;
  const y = b[i + 1]! - 48;
  return x >= 0 && x <= 9 && y >= 0 && y <= 9 ? x * 10 + y : -1;
}

/** The timestamp, read from bytes in the common `YYYY-MM-DDTHH:MM:SS.mmmZ` form, else by parseTimestamp. */
function timestampOf(f: Found): number | undefined {
  const s = f.tsStart;
  if (
    f.tsEnd - s === 24 &&
    b[s + 4] === 45 &&
    b[s + 7] === 45 &&
    b[s + 10] === 84 &&
    b[s + 13] === 58 &&
    b[s + 16] === 58 &&
    b[s + 19] === 46 &&
    b[s + 23] === 90
  ) {
    const century = two(s);
    const yy = two(s + 2);
    const month = two(s + 5);
    const day = two(s + 8);
    const hour = two(s + 11);
    const minute = two(s + 14);
    const second = two(s + 17);
    const ms1 = two(s + 20);
    const ms2 = b[s + 22]! - 48;
    if (
      century >= 1 &&
      yy >= 0 &&
      month >= 1 &&
      month <= 12 &&
      day >= 1 &&
      day <= daysInMonth(century * 100 + yy, month) &&
      hour >= 0 &&
      hour <= 23 &&
      minute >= 0 &&
      minute <= 59 &&
      second >= 0 &&
      second <= 59 &&
      ms1 >= 0 &&
      ms2 >= 0 &&
      ms2 <= 9
    )
      return Date.UTC(century * 100 + yy, month - 1, day, hour, minute, second, ms1 * 10 + ms2);
  }
  return parseTimestamp(Buffer.from(b.buffer, b.byteOffset + s, f.tsEnd - s).toString("latin1"));
}

/** `^\d+\.\d+\.\d` on the version's bytes. */
function semverLike(start: number, end: number): boolean {
  let p = start;
  for (let part = 0; part < 2; part++) {
    const digits = p;
    while (p < end && isDigit(b[p])) p++;
    if (p === digits || p >= end || b[p] !== 46) return false;
    p++;
  }
  return p < end && isDigit(b[p]);
}

/** parseClaudeLine's isValid: a semver-like version, and no empty id, session, request or model. */
function validIds(f: Found, session: Found): boolean {
  if (f.versionStart >= 0 && !semverLike(f.versionStart, f.versionEnd)) return false;
  if (session.sessionStart >= 0 && session.sessionEnd === session.sessionStart) return false;
  if (f.requestStart >= 0 && f.requestEnd === f.requestStart) return false;
  if (f.idStart >= 0 && f.idEnd === f.idStart) return false;
  if (f.modelStart >= 0 && f.modelEnd === f.modelStart) return false;
  return true;
}

/**
 * Reads `line` (`line[length]` must be 0): one of `fastVerdict`. For `entry`, `fastLine` says where the
 * fields are (byte offsets into `line`, valid until the next call).
 */
export function readClaudeLine(line: Buffer, length: number): number {
  b = line;
  depth = 0;
  top.reset();
  nested.reset();
  let p = ws(0);
  if (b[p] !== 123) return fastVerdict.unsure;
  p = keyed(p, LINE, top);
  if (p < 0 || ws(p) !== length) return fastVerdict.unsure;

  const direct = top.messageObject && top.usageSeen;
  const progress = nested.present && nested.messageObject && nested.usageSeen;
  if (!direct && !progress) return fastVerdict.other;
  // A line with a message that has no usage, and a progress copy that has some: left to the slow path.
  if (!direct && top.messageSeen) return fastVerdict.unsure;
  const f = direct ? top : nested;
  if (f.tsStart < 0 || f.input < 0 || f.output < 0) return fastVerdict.unsure;
  const view = line.subarray(0, length);
  if (suspectNull(view)) return fastVerdict.unsure;
  if (direct && view.indexOf(advisor) >= 0) return fastVerdict.unsure;
  const timestamp = timestampOf(f);
  if (timestamp === undefined || !validIds(f, top)) return fastVerdict.malformed;
  fastLine.fields = f;
  fastLine.top = top;
  fastLine.progress = !direct;
  fastLine.timestamp = timestamp;
  fastLine.generalOk = direct && top.apiErrorOk;
  return fastVerdict.entry;
}
