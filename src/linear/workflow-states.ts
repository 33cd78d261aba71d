// Turns a workflow state's name ("In Review") into its id for one team, asking Linear once per team and keeping
// the answer for a while: every team names its own states, and states are renamed rarely.
import type { LinearApi, WorkflowStateInfo } from "./linear-api.js";

export interface StateResolver {
  /** The id of the team's state called `name` (case and spacing ignored). */
  resolve(teamId: string, name: string): Promise<string>;
}

/** The team has no state with that name: the message lists the names it has and the variable to change. */
export class UnknownLinearStateError extends Error {
  constructor(name: string, teamId: string, known: string[]) {
    super(
      `Linear team ${teamId} has no workflow state "${name}"; its states are ${known.map((n) => `"${n}"`).join(", ")}. ` +
        "Set DROVER_LINEAR_STATES (e.g. working=In Progress,review=In Review,done=Done) to names the team uses.",
    );
    this.name = "UnknownLinearStateError";
  }
}

const normalise = (name: string) => name.trim().replace(/\s+/g, " ").toLowerCase();

export function createStateResolver(
  api: Pick<LinearApi, "teamStates">,
  options: { now: () => number; ttlMs?: number },
): StateResolver {
  const ttlMs = options.ttlMs ?? 10 * 60_000;
  const cache = new Map<string, { at: number; states: Promise<WorkflowStateInfo[]> }>();

  const statesOf = (teamId: string, fresh: boolean) => {
    const cached = cache.get(teamId);
    if (cached && !fresh && options.now() - cached.at < ttlMs) return cached.states;
    const states = api.teamStates(teamId);
    cache.set(teamId, { at: options.now(), states });
    // A failed lookup is not remembered: the next call asks again.
    states.catch(() => {
      if (cache.get(teamId)?.states === states) cache.delete(teamId);
    });
    return states;
  };

  return {
    async resolve(teamId, name) {
      const find = (states: WorkflowStateInfo[]) => states.find((s) => normalise(s.name) === normalise(name));
      const cached = await statesOf(teamId, false);
      // A miss may be a state created or renamed since the cache was filled: ask once more before failing.
      const state = find(cached) ?? find(await statesOf(teamId, true));
      if (state) return state.id;
      throw new UnknownLinearStateError(
        name,
        teamId,
        (await statesOf(teamId, false)).map((s) => s.name),
      );
    },
  };
}
