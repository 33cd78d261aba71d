// The embedded store for local runs: in memory only, or kept in a JSON file across restarts when given one.
// Loading is synchronous (once, at start) so the store is ready when this returns; a file that cannot be
// understood stops the start, with what to do, rather than being overwritten.
import { CoalescingWriter, readStateFile } from "./embedded-file.js";
import { emptyState, fromFile } from "./embedded-state.js";
import { EmbeddedStore } from "./embedded-store.js";
import type { Store } from "./store.js";

export interface CreateEmbeddedStoreOptions {
  /** JSON file to load from and save to; without it nothing outlives the process. */
  file?: string;
}

export function createEmbeddedStore(options: CreateEmbeddedStoreOptions = {}): Store {
  if (options.file === undefined) return new EmbeddedStore(emptyState());
  const loaded = readStateFile(options.file);
  const state = loaded === undefined ? emptyState() : fromFile(loaded);
  return new EmbeddedStore(state, new CoalescingWriter(options.file, () => EmbeddedStore.snapshot(state)));
}
