// `drover convoy synthesize`: runs the last phase (the synthesis) again on what the other agents left, e.g. after
// a partial convoy or a stop. The state is reset for those agents only; runConvoy then does the rest.
import type { ConvoyState } from "./convoy-state.js";

export function rerunLastPhase(state: ConvoyState): ConvoyState {
  const last = new Set(state.phases.at(-1) ?? []);
  const next = structuredClone(state);
  next.status = "running";
  delete next.finishedAt;
  delete next.result;
  next.agents = next.agents.map((agent) => {
    if (!last.has(agent.role) && agent.status !== "pending") return agent;
    const {
      role,
      agent: name,
      description,
      model,
      tools,
      output,
      command,
      dependsOn,
      timeoutMs,
      prompt,
    } = agent;
    return {
      role,
      agent: name,
      description,
      ...(model ? { model } : {}),
      tools,
      output,
      ...(command ? { command } : {}),
      dependsOn,
      timeoutMs,
      prompt,
      // Earlier agents that never ran (a stop) stay out: only the last phase runs again.
      status: last.has(agent.role) ? "pending" : "stopped",
      ...(last.has(agent.role) ? {} : { error: agent.error ?? "never started: stopped" }),
    };
  });
  return next;
}
