// A fast check for the common shape of a usage line, giving exactly zod's verdict when it says yes.
//
// The zod schema (claude-line-schema.ts) is the definition of a valid line; running it on every one of
// hundreds of thousands of lines costs more than parsing them. This check accepts only lines the schema
// accepts (test/cost/quick-direct-line.test.ts checks that on random lines) and answers undefined for
// anything else, which the caller then hands to zod for the final word.
import type { ClaudeDirectLine, ClaudeProgressLine } from "./claude-line-schema.js";

type Json = Record<string, unknown>;

const isRecord = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const isCount = (v: unknown) => typeof v === "number" && Number.isSafeInteger(v) && v >= 0;
const optionalCount = (v: unknown) => v === undefined || isCount(v);
const nullishString = (v: unknown) => v === undefined || v === null || typeof v === "string";

function usageOk(u: unknown): boolean {
  if (!isRecord(u)) return false;
  if (!isCount(u.input_tokens) || !isCount(u.output_tokens)) return false;
  if (!optionalCount(u.cache_creation_input_tokens) || !optionalCount(u.cache_read_input_tokens))
    return false;
  const speed = u.speed;
  if (speed !== undefined && speed !== null && speed !== "standard" && speed !== "fast") return false;
  const buckets = u.cache_creation;
  if (buckets === undefined || buckets === null) return true;
  return (
    isRecord(buckets) &&
    optionalCount(buckets.ephemeral_5m_input_tokens) &&
    optionalCount(buckets.ephemeral_1h_input_tokens)
  );
}

/** The line typed as the schema's output when it certainly passes the schema; undefined when zod must decide. */
export function quickDirectLine(line: unknown): ClaudeDirectLine | undefined {
  if (!isRecord(line) || typeof line.timestamp !== "string") return undefined;
  const message = line.message;
  if (!isRecord(message) || !usageOk(message.usage)) return undefined;
  if (!nullishString(message.model) || !nullishString(message.id)) return undefined;
  if (!nullishString(line.version) || !nullishString(line.sessionId) || !nullishString(line.requestId))
    return undefined;
  const cost = line.costUSD;
  if (cost !== undefined && cost !== null && typeof cost !== "number") return undefined;
  const side = line.isSidechain;
  if (side !== undefined && side !== null && typeof side !== "boolean") return undefined;
  return line as ClaudeDirectLine;
}

/** The same for a progress line: its nested `data.message` must pass, and its own `sessionId` be a string. */
export function quickProgressLine(line: unknown): ClaudeProgressLine | undefined {
  if (!isRecord(line) || !isRecord(line.data) || !nullishString(line.sessionId)) return undefined;
  return quickDirectLine(line.data.message) ? (line as ClaudeProgressLine) : undefined;
}
