// Runs a convoy in-process for engine tests: built-in (or given) templates, the stand-in as every agent, a file
// store in the sandbox, and the process runtime unless a test passes another launcher.
import type { AgentLauncher } from "../../src/convoy/agent-launcher.js";
import type { ConvoyState } from "../../src/convoy/convoy-state.js";
import type { ConvoyStore } from "../../src/convoy/convoy-store.js";
import { createAgentLauncher } from "../../src/convoy/create-agent-launcher.js";
import { createConvoyState } from "../../src/convoy/create-convoy.js";
import { createFileConvoyStore } from "../../src/convoy/file-convoy-store.js";
import { listFiles } from "../../src/convoy/list-files.js";
import { loadTemplateCatalog } from "../../src/convoy/load-templates.js";
import { createProcessRuntime } from "../../src/convoy/process-runtime.js";
import { type ConvoyOverrides, resolveConvoy } from "../../src/convoy/resolve-convoy.js";
import { type RunConvoyOptions, runConvoy } from "../../src/convoy/run-convoy.js";
import { type Sandbox, standInCommand } from "./fixtures.js";

export interface Harness {
  store: ConvoyStore;
  launcher: AgentLauncher;
  state: ConvoyState;
  run(options?: Partial<RunConvoyOptions>): Promise<ConvoyState>;
}

export async function prepareConvoy(
  sandbox: Sandbox,
  template: string,
  options: { overrides?: ConvoyOverrides; files?: string[]; issue?: string; launcher?: AgentLauncher } = {},
): Promise<Harness> {
  const store = createFileConvoyStore(`${sandbox.data}/convoys`);
  const launcher =
    options.launcher ??
    createAgentLauncher(createProcessRuntime(), {
      baseEnv: { ...process.env, ...sandbox.env },
      pollMs: 50,
    });
  const catalog = await loadTemplateCatalog({
    repoDir: sandbox.repo,
    env: { XDG_CONFIG_HOME: `${sandbox.root}/config` },
  });
  const convoy = resolveConvoy(catalog, template, { command: standInCommand, ...options.overrides });
  const files = await listFiles(sandbox.repo, options.files ?? ["src/**/*.ts"]);
  const state = createConvoyState({
    convoy,
    inputs: {
      files,
      filesGlob: (options.files ?? ["src/**/*.ts"]).join(" "),
      ...(options.issue ? { issue: options.issue } : {}),
    },
    cwd: sandbox.repo,
    runtime: launcher.runtime,
    dirFor: store.convoyDir,
  });
  await store.save(state);
  return {
    store,
    launcher,
    state,
    run: (more = {}) => runConvoy(state, { launcher, store, stopPollMs: 50, ...more }),
  };
}
