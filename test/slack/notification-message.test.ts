// The Block Kit message: the buttons that fit the session, Slack's escaping, and the update after a press.
import { describe, expect, it } from "vitest";
import type { Notification } from "../../src/core/effects.js";
import { emptyMemory, type Session } from "../../src/core/session.js";
import { sessionLinks } from "../../src/notify/session-links.js";
import { actedBlocks } from "../../src/slack/acted-message.js";
import { notificationMessage } from "../../src/slack/notification-message.js";

const t0 = Date.UTC(2026, 10, 22, 9);
const session: Session = {
  id: "web-42",
  repo: "acme/web",
  issue: {
    tracker: "github",
    key: "42",
    number: 42,
    title: "Fix <login> & redirect",
    url: "https://github.com/acme/web/issues/42",
  },
  state: "mergeable",
  agent: "claude-code",
  branch: "drover/42",
  runnerId: "laptop",
  autoMerge: false,
  createdAt: t0,
  updatedAt: t0,
  agentFacts: { phase: "running", busy: false, stuck: false, lastActivityAt: t0 },
  pr: {
    number: 7,
    url: "https://github.com/acme/web/pull/7",
    headSha: "a".repeat(40),
    baseRef: "main",
    status: "open",
    mergeable: true,
    checks: [],
    supersededShas: [],
    reviews: {},
  },
  memory: emptyMemory(),
  cost: { usd: 1.237, tokens: 120_000 },
  seenEvents: [],
};

const ready: Notification = {
  priority: "action",
  kind: "ready-to-merge",
  title: "PR #7 is ready to merge",
  body: "Fix <login> & redirect: approved, CI green, no conflicts.",
  actions: ["merge", "kill", "send", "retry", "respawn", "open"],
};

function message(s: Session, n: Notification, publicUrl?: string) {
  return notificationMessage({ id: "d1", session: s, notification: n, links: sessionLinks(s, publicUrl) });
}

function buttonsOf(blocks: unknown[]): string[] {
  const actions = blocks.find((b) => (b as { type: string }).type === "actions") as
    | { elements: { action_id: string }[] }
    | undefined;
  return actions?.elements.map((e) => e.action_id) ?? [];
}

describe("notification message", () => {
  it("shows the session's facts with Slack's escaping, and every button that fits", () => {
    const { text, blocks } = message(session, ready, "https://drover.example.com/");
    expect(text).toBe("PR #7 is ready to merge: Fix <login> & redirect: approved, CI green, no conflicts.");
    const shown = JSON.stringify(blocks);
    expect(shown).toContain("Fix &lt;login&gt; &amp; redirect: approved");
    expect(shown).toContain("<https://github.com/acme/web/issues/42|#42 Fix &lt;login&gt; &amp; redirect>");
    expect(shown).toContain("*Cost*\\n$1.24");
    expect(shown).toContain("*State*\\nmergeable");
    expect(shown).toContain("<https://drover.example.com/dashboard/sessions/web-42|web-42>");
    expect(buttonsOf(blocks)).toEqual([
      "drover_merge",
      "drover_kill",
      "drover_send",
      "drover_retry",
      "drover_respawn",
      "drover_open",
    ]);
  });

  it("leaves out Merge without an open PR and Open dashboard without a public URL", () => {
    const closed = { ...session, pr: { ...session.pr!, status: "closed" as const } };
    expect(buttonsOf(message(closed, ready).blocks)).toEqual([
      "drover_kill",
      "drover_send",
      "drover_retry",
      "drover_respawn",
    ]);
    expect(buttonsOf(message(session, { ...ready, actions: ["open"] }).blocks)).toEqual([]);
    const linear = {
      ...session,
      pr: undefined,
      issue: {
        tracker: "linear" as const,
        key: "ENG-7",
        title: "Linear one",
        url: "https://linear.app/acme/issue/ENG-7",
      },
    };
    expect(JSON.stringify(message(linear, ready).blocks)).toContain("|ENG-7 Linear one>");
  });

  it("after a press, says who did what and keeps only the dashboard link", () => {
    const { blocks } = message(session, ready, "https://drover.example.com");
    const after = actedBlocks(
      blocks,
      "merge",
      { login: "maria", slackUserId: "U0MARIA1", at: t0 },
      "mergeable",
    );
    expect(buttonsOf(after)).toEqual(["drover_open"]);
    expect(JSON.stringify(after)).toContain(
      "<@U0MARIA1> (GitHub @maria) asked to merge the PR · session now mergeable · <!date^1795338000^{date_short_pretty} at {time}|2026-11-22T09:00:00.000Z>",
    );
    expect(after.slice(0, blocks.length - 1)).toEqual(blocks.slice(0, -1));
  });
});
