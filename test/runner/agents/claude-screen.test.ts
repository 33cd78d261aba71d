// Reading Claude Code's input box off real 2.1.330 screens: ready when the box is drawn (busy or not), and a
// message counts as submitted once the box no longer shows it — empty, or Claude's "queued" hint while busy.
import { describe, expect, it } from "vitest";
import { claudeProbe, readInputBox } from "../../../runner/agents/claude-screen.js";
import type { PaneView } from "../../../runner/runtimes/runtime.js";

const rule = "─".repeat(120);
const screen = (box: string, footer: string, above = "● Wrote it.") =>
  [above, "", `${" ".repeat(100)}◐ medium · /effort`, rule, box, rule, `  ${footer}`, ""].join("\n");
const view = (text: string): PaneView => ({ screen: text, cursorX: 0, cursorY: 0, cursorLine: "" });

const idle = screen("❯ ", "⏵⏵ bypass permissions on (shift+tab to cycle) · ← for agents");
const typed = screen("❯ Blue, please.", "⏵⏵ bypass permissions on (shift+tab to cycle)");
const queued = screen(
  "❯ Press up to edit queued messages",
  "⏵⏵ bypass permissions on (shift+tab to cycle) · esc to interrupt · ← for agents",
);
const pasted = screen("❯ [Pasted text #1 +79 lines]", "⏵⏵ bypass permissions on (shift+tab to cycle)");

describe("Claude Code's input box", () => {
  it("is read with its text and footer; an earlier prompt on screen is not the box", () => {
    expect(readInputBox(idle)).toEqual({
      text: "",
      footer: "⏵⏵ bypass permissions on (shift+tab to cycle) · ← for agents",
    });
    expect(readInputBox(typed)?.text).toBe("Blue, please.");
    expect(readInputBox("❯ an earlier prompt\n● answer\n")).toBeUndefined();
    expect(readInputBox([rule, "❯ ", rule, ""].join("\n"))).toBeUndefined(); // no footer yet: not ready
  });

  it("is ready for input whenever the box is drawn, also while Claude works", () => {
    expect(claudeProbe.ready(idle)).toBe(true);
    expect(claudeProbe.ready(queued)).toBe(true);
    expect(claudeProbe.ready("Welcome to Claude Code\n")).toBe(false);
  });

  it("tells a message left in the box from one that was taken", () => {
    expect(claudeProbe.holdsInput(view(typed), view(typed))).toBe(true);
    expect(claudeProbe.holdsInput(view(idle), view(typed))).toBe(false);
    expect(claudeProbe.holdsInput(view(queued), view(typed))).toBe(false);
    expect(claudeProbe.holdsInput(view(pasted), view(pasted))).toBe(true);
    expect(claudeProbe.holdsInput(view("no box at all"), view(typed))).toBeUndefined();
  });
});
