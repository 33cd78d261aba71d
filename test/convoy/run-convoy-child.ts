// A separate process running one convoy, for the restart test: the test kills it mid-run (SIGKILL, as a crash
// or a reboot of the runner would) and resumes the convoy from its state file.
import { createAgentLauncher } from "../../src/convoy/create-agent-launcher.js";
import { createFileConvoyStore } from "../../src/convoy/file-convoy-store.js";
import { createProcessRuntime } from "../../src/convoy/process-runtime.js";
import { runConvoy } from "../../src/convoy/run-convoy.js";

const store = createFileConvoyStore(process.env.CONVOY_STORE!);
const state = await store.load(process.env.CONVOY_ID!);
if (!state) throw new Error(`no convoy ${process.env.CONVOY_ID}`);
await runConvoy(state, { launcher: createAgentLauncher(createProcessRuntime(), { pollMs: 50 }), store });
