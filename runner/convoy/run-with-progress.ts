// Runs (or resumes) a convoy in this process with live progress, turning Ctrl-C into a stop of every agent, and
// prints where the report is. Shared by `start`, `resume` and `synthesize`.
import type { ConvoyState } from "../../src/convoy/convoy-state.js";
import type { ConvoyStore } from "../../src/convoy/convoy-store.js";
import { runConvoy } from "../../src/convoy/run-convoy.js";
import { atOrAbove, type Severity } from "../../src/convoy/severity.js";
import { exitCodes } from "../exit-codes.js";
import { convoyLauncher } from "./convoy-launcher.js";
import { countsText } from "./describe-convoy.js";
import { createProgressView } from "./progress-view.js";

export interface RunOutput {
  json?: boolean;
  failOn?: Severity;
}

export async function runWithProgress(
  state: ConvoyState,
  store: ConvoyStore,
  output: RunOutput,
): Promise<number> {
  const launcher = convoyLauncher(state.runtime);
  // With --json, stdout carries the result alone; progress goes to stderr.
  const view = createProgressView(output.json ? process.stderr : process.stdout);
  const stopping = new AbortController();
  let interrupts = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    interrupts += 1;
    if (interrupts > 1) process.exit(128 + (signal === "SIGINT" ? 2 : 15));
    process.stderr.write(`\n${signal}: stopping every agent of ${state.id} (again to quit at once)\n`);
    stopping.abort();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  let final: ConvoyState;
  try {
    final = await runConvoy(state, {
      launcher,
      store,
      onUpdate: (s) => view.update(s),
      signal: stopping.signal,
    });
  } finally {
    view.stop();
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }

  const blocking = output.failOn
    ? (final.result?.findings ?? []).filter((f) => atOrAbove(f.severity, output.failOn!)).length
    : 0;
  if (output.json) {
    console.log(JSON.stringify(final, null, 2));
  } else {
    console.log(`\n${final.id}: ${final.status}; findings: ${countsText(final)}`);
    if (final.result?.reportFile) console.log(`report: ${final.result.reportFile}`);
    if (blocking > 0)
      console.log(`${blocking} finding(s) at ${output.failOn} or worse (--fail-on ${output.failOn})`);
  }
  return final.status === "completed" && blocking === 0 ? exitCodes.ok : exitCodes.failure;
}
