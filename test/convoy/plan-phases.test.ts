// Phases from dependencies: parallel where possible, in order where needed, and errors that name the roles.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ConvoyPlanError, planPhases } from "../../src/convoy/plan-phases.js";

const agent = (role: string, ...dependsOn: string[]) => ({ role, dependsOn });

describe("planPhases", () => {
  it("puts independent agents in one phase and dependents after what they wait for", () => {
    expect(
      planPhases([
        agent("correctness"),
        agent("security"),
        agent("performance"),
        agent("synthesis", "correctness", "security", "performance"),
      ]),
    ).toEqual([["correctness", "security", "performance"], ["synthesis"]]);
    expect(planPhases([agent("c", "b"), agent("b", "a"), agent("a"), agent("d", "a")])).toEqual([
      ["a"],
      ["b", "d"],
      ["c"],
    ]);
  });

  it("names an unknown role, a cycle and a duplicate", () => {
    expect(() => planPhases([agent("a"), agent("synthesis", "a", "secrity")])).toThrow(
      new ConvoyPlanError(
        '"synthesis" depends on "secrity", which is not a role in this convoy (roles: a, synthesis)',
      ),
    );
    expect(() => planPhases([agent("a", "c"), agent("b", "a"), agent("c", "b"), agent("d")])).toThrow(
      "the dependencies form a cycle: a → c → b → a",
    );
    expect(() => planPhases([agent("a", "a")])).toThrow('"a" depends on itself');
    expect(() => planPhases([agent("a"), agent("a")])).toThrow('the role "a" appears twice');
  });

  it("always places every agent after all it depends on (any acyclic graph)", () => {
    const graphs = fc
      .integer({ min: 1, max: 12 })
      .chain((n) =>
        fc.tuple(
          ...Array.from({ length: n }, (_, i) => fc.subarray(Array.from({ length: i }, (_, j) => `r${j}`))),
        ),
      );
    fc.assert(
      fc.property(graphs, (deps) => {
        const agents = deps.map((d, i) => agent(`r${i}`, ...d));
        const phases = planPhases(agents);
        const phaseOf = new Map(phases.flatMap((p, i) => p.map((r) => [r, i] as const)));
        expect(phaseOf.size).toBe(agents.length);
        for (const a of agents)
          for (const d of a.dependsOn) expect(phaseOf.get(d)!).toBeLessThan(phaseOf.get(a.role)!);
        // As early as possible: an agent with no dependencies is in the first phase.
        for (const a of agents) if (a.dependsOn.length === 0) expect(phaseOf.get(a.role)).toBe(0);
      }),
    );
  });
});
