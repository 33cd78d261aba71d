// The script language of the scripted model server: what the "model" answers, turn by turn, in a test.
import { z } from "zod";
import { ModelServerError } from "./model-server-error.js";

// One turn answers one agent request. Keys combine into one response, always in this order: text (or ask),
// then the tool calls (write, bash, tool) — the order a real model uses when it explains, then acts.
export const turnSchema = z
  .object({
    /** Milliseconds to wait before answering; alone in a turn it delays the next turn's answer. */
    wait: z.number().int().nonnegative().optional(),
    /** A text block; the response ends the turn unless a tool call follows. */
    text: z.string().min(1).optional(),
    /** A question to the user: a text block and end_turn, so an interactive agent waits for input. */
    ask: z.string().min(1).optional(),
    /** tool_use Write. A relative path is resolved against the agent's working directory. */
    write: z.object({ path: z.string().min(1), content: z.string() }).optional(),
    /** tool_use Bash. */
    bash: z.object({ command: z.string().min(1), description: z.string().optional() }).optional(),
    /** Any other tool_use, for tools the shorthands above do not cover (Edit, Read, TodoWrite…). */
    tool: z.object({ name: z.string().min(1), input: z.record(z.string(), z.unknown()) }).optional(),
  })
  .strict()
  .refine((t) => Object.keys(t).length > 0, "a turn needs at least one of wait, text, ask, write, bash, tool")
  .refine((t) => !(t.ask && t.text), "a turn has either text or ask, not both")
  .refine(
    (t) => !(t.ask && (t.write || t.bash || t.tool)),
    "an ask turn stops for the user; it cannot also call a tool",
  );

export type Turn = z.input<typeof turnSchema>;
export const scriptSchema = z.array(turnSchema);

/** What one response holds, before usage and ids are added. */
export type PlannedBlock =
  | { type: "text"; text: string }
  | { type: "tool_use"; name: string; input: Record<string, unknown> };

export interface PlannedResponse {
  delayMs: number;
  blocks: PlannedBlock[];
  stopReason: "end_turn" | "tool_use";
  /** The script had no turn left and this is the fallback answer. */
  exhausted: boolean;
}

export const exhaustedText = "Done.";

/**
 * Takes the next response off a script (mutating it): leading wait-only turns add their delay to the turn that
 * follows them; an empty script answers a short "Done." so an agent that asks once more than scripted still ends.
 */
export function takeNextResponse(script: Turn[], cwd: string | undefined): PlannedResponse {
  let delayMs = 0;
  for (;;) {
    const turn = script.shift();
    if (!turn) {
      return {
        delayMs,
        blocks: [{ type: "text", text: exhaustedText }],
        stopReason: "end_turn",
        exhausted: true,
      };
    }
    delayMs += turn.wait ?? 0;
    const blocks = blocksOf(turn, cwd);
    if (blocks.length === 0) continue;
    const stopReason = blocks.some((b) => b.type === "tool_use") ? "tool_use" : "end_turn";
    return { delayMs, blocks, stopReason, exhausted: false };
  }
}

function blocksOf(turn: Turn, cwd: string | undefined): PlannedBlock[] {
  const blocks: PlannedBlock[] = [];
  const text = turn.text ?? turn.ask;
  if (text) blocks.push({ type: "text", text });
  if (turn.write) {
    const filePath = resolveAgainst(turn.write.path, cwd);
    blocks.push({
      type: "tool_use",
      name: "Write",
      input: { file_path: filePath, content: turn.write.content },
    });
  }
  if (turn.bash) {
    const input: Record<string, unknown> = { command: turn.bash.command };
    input.description = turn.bash.description ?? `Run ${turn.bash.command.split(" ")[0]}`;
    blocks.push({ type: "tool_use", name: "Bash", input });
  }
  if (turn.tool) blocks.push({ type: "tool_use", name: turn.tool.name, input: turn.tool.input });
  return blocks;
}

// Claude Code's Write tool insists on absolute paths; scripts are easier to read with relative ones.
function resolveAgainst(path: string, cwd: string | undefined): string {
  if (path.startsWith("/")) return path;
  if (!cwd) {
    throw new ModelServerError(
      `write.path "${path}" is relative but the request did not say the agent's working directory; use an absolute path`,
      { path },
    );
  }
  return `${cwd.replace(/\/$/, "")}/${path}`;
}
