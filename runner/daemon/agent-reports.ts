// Turns what the runner learns about an agent — its hooks, `drover report`, its process — into events for the
// app. Activity is reported honestly but not chattily: at most one heartbeat per interval, while a prompt
// taken, a finished turn or a question always goes at once.

import { maxMessageChars } from "../../src/protocol/limits.js";
import type { RunnerEventBody } from "../../src/protocol/runner-events.js";
import type { Logger } from "../../src/shared/logger.js";
import { type ClaudeHookPayload, endsWithQuestion } from "./claude-hook-payload.js";
import type { EventOutbox } from "./event-outbox.js";
import type { RunnerState } from "./runner-state.js";
import { linkAgentSession } from "./session-links.js";

export interface AgentReports {
  hook(sessionId: string, payload: ClaudeHookPayload): void;
  selfReport(sessionId: string, status: "working" | "needs-input" | "done", message?: string): void;
  /** Activity seen from outside the agent (its output changed). */
  activity(sessionId: string, detail: string): void;
  emit(body: RunnerEventBody): void;
}

export function createAgentReports(deps: {
  state: RunnerState;
  outbox: EventOutbox;
  dataDir: string;
  activityReportMs: number;
  log: Logger;
  now?: () => number;
}): AgentReports {
  const { state, outbox, log } = deps;
  const now = deps.now ?? Date.now;
  const lastActivity = new Map<string, number>();
  const emit = (body: RunnerEventBody) => void outbox.append(body);
  const clip = (text: string) =>
    text.length > maxMessageChars ? `${text.slice(0, maxMessageChars - 1)}…` : text;

  const activity = (
    sessionId: string,
    detail: string,
    options: { force?: boolean; agentSessionId?: string } = {},
  ) => {
    const last = lastActivity.get(sessionId);
    if (!options.force && last !== undefined && now() - last < deps.activityReportMs) return;
    lastActivity.set(sessionId, now());
    emit({
      type: "agent.activity",
      sessionId,
      detail: detail.slice(0, 500),
      ...(options.agentSessionId ? { agentSessionId: options.agentSessionId } : {}),
    });
  };
  const needsInput = (sessionId: string, message: string) => {
    state.update(sessionId, { needsInputReported: true });
    lastActivity.delete(sessionId);
    emit({ type: "agent.needs_input", sessionId, message: clip(message) });
  };

  return {
    hook(sessionId, payload) {
      const session = state.get(sessionId);
      if (!session) {
        log.warn(
          { sessionId, hook: payload.hook_event_name },
          "a hook for a session this runner does not know",
        );
        return;
      }
      switch (payload.hook_event_name) {
        case "SessionStart": {
          const updated = state.update(sessionId, {
            agentSessionId: payload.session_id,
            ...(payload.transcript_path ? { transcriptPath: payload.transcript_path } : {}),
          });
          if (updated) linkAgentSession(deps.dataDir, updated, log);
          activity(sessionId, `agent session ${payload.source ?? "started"}`, {
            force: true,
            agentSessionId: payload.session_id,
          });
          return;
        }
        case "UserPromptSubmit":
          state.update(sessionId, { lastStop: undefined, needsInputReported: false, waiting: false });
          activity(sessionId, "took a prompt", { force: true });
          return;
        case "PostToolUse":
          activity(sessionId, payload.tool_name ? `used ${payload.tool_name}` : "used a tool");
          return;
        case "Stop": {
          const message = payload.last_assistant_message ?? "";
          const question = endsWithQuestion(message);
          state.update(sessionId, {
            lastStop: { question, message: clip(message), at: now() },
            needsInputReported: false,
            waiting: true,
          });
          if (question) needsInput(sessionId, message);
          else {
            lastActivity.delete(sessionId);
            emit({ type: "agent.idle", sessionId });
          }
          return;
        }
        case "Notification": {
          const type = payload.notification_type;
          if (type === "permission_prompt" || type === "elicitation_dialog") {
            needsInput(sessionId, payload.message ?? "Claude asks for permission to go on.");
          } else if (type === "idle_prompt") {
            // Idle after any finished turn: only a turn that ended in a question is a call for a human.
            const current = state.get(sessionId);
            if (current?.lastStop?.question && !current.needsInputReported)
              needsInput(sessionId, current.lastStop.message);
          }
          return;
        }
        default:
          return;
      }
    },
    selfReport(sessionId, status, message) {
      lastActivity.set(sessionId, now());
      state.update(sessionId, { waiting: status !== "working" });
      emit({ type: "agent.self_report", sessionId, status, ...(message ? { message: clip(message) } : {}) });
    },
    activity: (sessionId, detail) => activity(sessionId, detail),
    emit,
  };
}
