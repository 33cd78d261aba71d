// Reading Claude Code's terminal UI (2.1.x): its input box at the bottom of the screen — a rule, the `❯` line(s),
// a rule, then a footer. The whole box with its footer is the readiness marker; `❯` alone is not, since every
// earlier prompt stays on screen as `❯ text`. See docs/real-agents.md.
import type { InputProbe } from "../runtimes/runtime.js";

export interface InputBox {
  /** What is typed in the box, without the ❯ marker ("[Pasted text #1 +59 lines]" for a large paste). */
  text: string;
  footer: string;
}

const rule = /^─{20,}$/;

export function readInputBox(screen: string): InputBox | undefined {
  const lines = screen.split("\n").map((l) => l.trimEnd());
  for (let bottom = lines.length - 1; bottom > 1; bottom--) {
    if (!rule.test(lines[bottom] ?? "")) continue;
    let top = bottom - 1;
    while (top > 0 && !rule.test(lines[top] ?? "")) top--;
    const box = lines.slice(top + 1, bottom);
    const first = box[0] ?? "";
    if (!rule.test(lines[top] ?? "") || !first.startsWith("❯")) return undefined;
    const footer = (lines[bottom + 1] ?? "").trim();
    if (footer === "") return undefined;
    const text = [first.slice(1), ...box.slice(1)]
      .map((l) => l.trim())
      .join("\n")
      .trim();
    return { text, footer };
  }
  return undefined;
}

/**
 * Ready once the box is drawn, busy or not: a message typed while Claude works is queued and becomes its own
 * next prompt. Submitted once the box no longer shows what was typed: it is empty again, or (while Claude is
 * busy) shows the hint "Press up to edit queued messages". A large paste shows as "[Pasted text #1 +N lines]"
 * until it is submitted.
 */
export const claudeProbe: InputProbe = {
  ready: (screen) => readInputBox(screen) !== undefined,
  holdsInput(view, typed) {
    const box = readInputBox(view.screen);
    if (box === undefined) return undefined;
    if (box.text === "") return false;
    const typedText = readInputBox(typed.screen)?.text;
    return typedText ? box.text === typedText : !/queued messages/i.test(box.text);
  },
};
