// Turns a planned model response into what the Anthropic Messages API sends: a message with ids and usage, as
// server-sent events (streaming) or as one JSON body.
import { randomBytes } from "node:crypto";
import type { PlannedBlock } from "./model-script.js";

export interface Usage {
  input_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
  output_tokens: number;
}

export type ContentBlock =
  | { type: "text"; text: string }
  | { type: "tool_use"; id: string; name: string; input: Record<string, unknown> };

export interface BuiltMessage {
  id: string;
  model: string;
  content: ContentBlock[];
  stopReason: "end_turn" | "tool_use";
  usage: Usage;
}

const base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

// Real ids look like msg_01XFDUDYJgAACzvnptvVoYEL: a prefix, "01", then 22 base62 characters.
export function anthropicId(prefix: "msg" | "toolu" | "req"): string {
  const bytes = randomBytes(22);
  let tail = "";
  for (const b of bytes) tail += base62[b % 62];
  return prefix === "req" ? `req_011C${tail.slice(0, 20)}` : `${prefix}_01${tail}`;
}

/** About four characters a token, as Anthropic's tokenizer averages on English and code. */
export function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

export function buildMessage(
  model: string,
  blocks: PlannedBlock[],
  stopReason: "end_turn" | "tool_use",
  prompt: Omit<Usage, "output_tokens">,
): BuiltMessage {
  const content: ContentBlock[] = blocks.map((b) =>
    b.type === "text" ? b : { type: "tool_use", id: anthropicId("toolu"), name: b.name, input: b.input },
  );
  const outputText = content.map((b) => (b.type === "text" ? b.text : JSON.stringify(b.input))).join("");
  return {
    id: anthropicId("msg"),
    model,
    content,
    stopReason,
    usage: { ...prompt, output_tokens: estimateTokens(outputText) + 2 * content.length },
  };
}

export function messageJson(message: BuiltMessage): Record<string, unknown> {
  return {
    id: message.id,
    type: "message",
    role: "assistant",
    model: message.model,
    content: message.content,
    stop_reason: message.stopReason,
    stop_sequence: null,
    usage: { ...message.usage, service_tier: "standard" },
  };
}

/**
 * The event stream in the API's order: message_start (empty content, prompt usage, a token or two of output),
 * ping, then start/delta/stop per block, then message_delta (stop reason, final usage) and message_stop.
 */
export function messageEvents(
  message: BuiltMessage,
): Array<{ event: string; data: Record<string, unknown> }> {
  const events: Array<{ event: string; data: Record<string, unknown> }> = [];
  const startUsage = { ...message.usage, output_tokens: 1, service_tier: "standard" };
  events.push({
    event: "message_start",
    data: {
      type: "message_start",
      message: { ...messageJson(message), content: [], stop_reason: null, usage: startUsage },
    },
  });
  events.push({ event: "ping", data: { type: "ping" } });
  message.content.forEach((block, index) => {
    if (block.type === "text") {
      events.push({
        event: "content_block_start",
        data: { type: "content_block_start", index, content_block: { type: "text", text: "" } },
      });
      for (const piece of chunks(block.text, 40)) {
        events.push({
          event: "content_block_delta",
          data: { type: "content_block_delta", index, delta: { type: "text_delta", text: piece } },
        });
      }
    } else {
      events.push({
        event: "content_block_start",
        data: {
          type: "content_block_start",
          index,
          content_block: { type: "tool_use", id: block.id, name: block.name, input: {} },
        },
      });
      // The API opens every tool input with an empty partial, then streams the JSON in arbitrary cuts.
      for (const piece of ["", ...chunks(JSON.stringify(block.input), 64)]) {
        events.push({
          event: "content_block_delta",
          data: {
            type: "content_block_delta",
            index,
            delta: { type: "input_json_delta", partial_json: piece },
          },
        });
      }
    }
    events.push({ event: "content_block_stop", data: { type: "content_block_stop", index } });
  });
  events.push({
    event: "message_delta",
    data: {
      type: "message_delta",
      delta: { stop_reason: message.stopReason, stop_sequence: null },
      usage: message.usage,
    },
  });
  events.push({ event: "message_stop", data: { type: "message_stop" } });
  return events;
}

export function encodeEvent(e: { event: string; data: Record<string, unknown> }): string {
  return `event: ${e.event}\ndata: ${JSON.stringify(e.data)}\n\n`;
}

// Cut on code points, not UTF-16 units, so no delta carries half of a surrogate pair.
function chunks(text: string, size: number): string[] {
  const points = Array.from(text);
  const out: string[] = [];
  for (let i = 0; i < points.length; i += size) out.push(points.slice(i, i + size).join(""));
  return out;
}
