// Where convoys are kept: the runner's file store now (file-convoy-store.ts), the app's store later through the
// protocol. A stop request is kept apart from the state, so the stopping process never races the running one.
import type { ConvoyState } from "./convoy-state.js";

export interface ConvoyStore {
  save(state: ConvoyState): Promise<void>;
  /** undefined when there is no such convoy. */
  load(id: string): Promise<ConvoyState | undefined>;
  /** Every readable convoy, newest first, and the files that could not be read. */
  list(): Promise<{ convoys: ConvoyState[]; problems: { file: string; message: string }[] }>;
  requestStop(id: string): Promise<void>;
  stopRequested(id: string): Promise<boolean>;
  clearStopRequest(id: string): Promise<void>;
  /** The folder for a convoy's agents and report. */
  convoyDir(id: string): string;
}
