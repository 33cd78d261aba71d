// The Action's entry (bundled into action/dist/index.js): everything lives in run.ts.
import { run } from "./run.js";

await run();
