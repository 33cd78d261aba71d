// Whether the process that runs a convoy is still there: a convoy whose owner is gone can be resumed, and a stop
// must then finish it itself.
import { hostname } from "node:os";
import type { ConvoyState } from "./convoy-state.js";
import { processAlive } from "./process-runtime.js";

export function ownerAlive(state: Pick<ConvoyState, "owner">): boolean {
  const owner = state.owner;
  if (!owner) return false;
  // Another machine's process cannot be checked from here; assume it lives rather than run the convoy twice.
  if (owner.host !== hostname()) return true;
  return owner.pid === process.pid || processAlive(owner.pid);
}
