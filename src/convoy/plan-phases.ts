// Orders a convoy's agents into phases from their dependencies: every agent of a phase can run in parallel, and
// a phase starts once the one before it has finished. A cycle or an unknown role is an error that names them.

export interface PhaseInput {
  role: string;
  dependsOn: readonly string[];
}

export class ConvoyPlanError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConvoyPlanError";
  }
}

export function planPhases(agents: readonly PhaseInput[]): string[][] {
  const roles = new Set<string>();
  for (const agent of agents) {
    if (roles.has(agent.role)) throw new ConvoyPlanError(`the role "${agent.role}" appears twice`);
    roles.add(agent.role);
  }
  for (const agent of agents) {
    for (const dependency of agent.dependsOn) {
      if (!roles.has(dependency)) {
        throw new ConvoyPlanError(
          `"${agent.role}" depends on "${dependency}", which is not a role in this convoy (roles: ${[...roles].join(", ")})`,
        );
      }
      if (dependency === agent.role) throw new ConvoyPlanError(`"${agent.role}" depends on itself`);
    }
  }

  const phases: string[][] = [];
  const placed = new Set<string>();
  while (placed.size < agents.length) {
    // Template order within a phase, so reports and progress lines read as the template does.
    const ready = agents
      .filter((a) => !placed.has(a.role) && a.dependsOn.every((d) => placed.has(d)))
      .map((a) => a.role);
    if (ready.length === 0) {
      const cycle = findCycle(agents.filter((a) => !placed.has(a.role)));
      throw new ConvoyPlanError(`the dependencies form a cycle: ${cycle.join(" → ")}`);
    }
    for (const role of ready) placed.add(role);
    phases.push(ready);
  }
  return phases;
}

// Every remaining agent waits on another remaining one, so walking dependencies must revisit a role.
function findCycle(remaining: readonly PhaseInput[]): string[] {
  const byRole = new Map(remaining.map((a) => [a.role, a]));
  const path: string[] = [];
  let current = remaining[0]!;
  for (;;) {
    const seenAt = path.indexOf(current.role);
    if (seenAt >= 0) return [...path.slice(seenAt), current.role];
    path.push(current.role);
    const next = current.dependsOn.find((d) => byRole.has(d))!;
    current = byRole.get(next)!;
  }
}
