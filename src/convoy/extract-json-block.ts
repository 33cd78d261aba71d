// Finds the JSON an agent put in its last fenced ```json block, reading line by line so that backticks inside
// JSON strings cannot close the fence early.

export type JsonBlock = { ok: true; value: unknown } | { ok: false; error: string };

export function extractLastJsonBlock(text: string): JsonBlock {
  const blocks: string[] = [];
  let current: string[] | undefined;
  for (const line of text.split(/\r?\n/)) {
    if (current === undefined) {
      if (/^\s*```+\s*json\b/i.test(line)) current = [];
    } else if (/^\s*```+\s*$/.test(line)) {
      blocks.push(current.join("\n"));
      current = undefined;
    } else {
      current.push(line);
    }
  }
  // An agent cut off mid-block (timeout, token limit) leaves it unclosed: still worth a try.
  if (current !== undefined) blocks.push(current.join("\n"));
  const last = blocks.at(-1);
  if (last === undefined) return { ok: false, error: "the output has no fenced ```json block" };
  try {
    return { ok: true, value: JSON.parse(last) };
  } catch (error) {
    return { ok: false, error: `the last \`\`\`json block is not valid JSON: ${(error as Error).message}` };
  }
}
