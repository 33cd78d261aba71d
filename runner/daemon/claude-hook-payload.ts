// The JSON Claude Code hands its hooks (2.1.x), as far as the runner reads it; everything else passes through.
import { z } from "zod";

export const claudeHookPayloadSchema = z.looseObject({
  session_id: z.string().min(1),
  transcript_path: z.string().optional(),
  cwd: z.string().optional(),
  hook_event_name: z.string(),
  source: z.string().optional(),
  tool_name: z.string().optional(),
  notification_type: z.string().optional(),
  message: z.string().optional(),
  last_assistant_message: z.string().optional(),
});
export type ClaudeHookPayload = z.output<typeof claudeHookPayloadSchema>;

/**
 * Whether a finished turn ends in a question to the user. Claude's idle notification fires after any finished
 * turn, so what the agent last said is what tells "waits for an answer" from "done for now".
 */
export function endsWithQuestion(message: string): boolean {
  const lines = message
    .trim()
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  return /\?[\s*_`"'»)\]]*$/.test(lines.at(-1) ?? "");
}
