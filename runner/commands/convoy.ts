// `drover convoy start|status|list|stop|synthesize|resume|templates`: multi-agent convoys on this machine, each
// agent in its own tmux session, state in one file per convoy in the data dir.
import { execFile } from "node:child_process";
import { resolve } from "node:path";
import { promisify } from "node:util";
import { type Command, Option } from "commander";
import { z } from "zod";
import { parseDuration } from "../../src/config/duration.js";
import { formatIssues, InvalidInputError } from "../../src/config/format-issues.js";
import { ownerAlive } from "../../src/convoy/convoy-owner.js";
import { type ConvoyState, convoyStatuses } from "../../src/convoy/convoy-state.js";
import { createConvoyState } from "../../src/convoy/create-convoy.js";
import { createFileConvoyStore, isConvoyId } from "../../src/convoy/file-convoy-store.js";
import { listFiles } from "../../src/convoy/list-files.js";
import { loadTemplateCatalog } from "../../src/convoy/load-templates.js";
import { rerunLastPhase } from "../../src/convoy/rerun-last-phase.js";
import {
  type ConvoyOverrides,
  resolveConvoy,
  UnknownTemplateError,
} from "../../src/convoy/resolve-convoy.js";
import { severities } from "../../src/convoy/severity.js";
import { stopConvoy } from "../../src/convoy/stop-convoy.js";
import { runnerConfigDir } from "../config/paths.js";
import { convoyLauncher, convoyRuntimes } from "../convoy/convoy-launcher.js";
import { convoyTable, describeConvoy, shownStatus } from "../convoy/describe-convoy.js";
import { runWithProgress } from "../convoy/run-with-progress.js";
import { templatesText } from "../convoy/templates-text.js";
import { CliError, exitCodes } from "../exit-codes.js";

const run = promisify(execFile);

const startOptionsSchema = z.object({
  files: z.array(z.string().min(1)).default([]),
  pr: z.url().optional(),
  issue: z.string().trim().min(1).optional(),
  model: z.array(z.string().min(1)).default([]),
  timeout: z
    .string()
    .optional()
    .transform((text, ctx) => {
      if (text === undefined) return undefined;
      const ms = parseDuration(text);
      if (ms === undefined || ms <= 0) {
        ctx.addIssue({
          code: "custom",
          message: `expected a duration such as "10m" or "90s", got "${text}"`,
        });
        return z.NEVER;
      }
      return ms;
    }),
  runtime: z.enum(convoyRuntimes).default("tmux"),
  agentCommand: z.string().min(1).optional(),
  cwd: z.string().optional(),
  failOn: z.enum(severities).optional(),
  json: z.boolean().default(false),
});

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function registerConvoyCommand(program: Command): void {
  const convoy = program
    .command("convoy")
    .description(
      "Run specialist agents in parallel, then a synthesis (code review, planning, triage, health)",
    )
    .addHelpText(
      "after",
      "\nConvoys are kept in $DROVER_DATA_DIR/convoys (default ~/.local/share/drover/convoys).\n" +
        "Exit codes: 0 completed, 1 partial, failed or stopped (or findings at --fail-on), 2 bad usage.",
    );

  convoy
    .command("start")
    .description("Start a convoy from a template and follow it until it ends")
    .argument("<template>", "convoy template (see `drover convoy templates`)")
    .option("--files <glob>", "files to review, as a git glob such as 'src/**/*.ts' (repeatable)", collect)
    .option("--pr <url>", "the pull request the convoy is about")
    .option("--issue <id>", "the issue the convoy is about (number, URL or key)")
    .option("--model <model>", "model for every agent, or ROLE=MODEL for one role (repeatable)", collect)
    .option("--timeout <duration>", "each agent's time limit, such as 10m (default: the template's)")
    .addOption(new Option("--runtime <runtime>", "where agents run").choices(convoyRuntimes).default("tmux"))
    .option(
      "--agent-command <command>",
      "run this command as every agent instead of Claude (see docs/convoy.md)",
    )
    .option("--cwd <dir>", "the repository to work in (default: the current folder)")
    .addOption(
      new Option("--fail-on <severity>", "exit 1 when a finding is this severe or worse").choices(severities),
    )
    .option("--json", "print the finished convoy as JSON (progress goes to stderr)")
    .action(async (template: string, raw: unknown) => {
      const parsed = startOptionsSchema.safeParse(raw);
      if (!parsed.success)
        throw new CliError(`Invalid options:\n${formatIssues(parsed.error)}`, exitCodes.usage);
      const options = parsed.data;
      const cwd = await repoRoot(resolve(options.cwd ?? "."));
      const store = createFileConvoyStore();
      let state: ConvoyState;
      try {
        const catalog = await loadTemplateCatalog({ repoDir: cwd, userDir: runnerConfigDir() });
        const convoyPlan = resolveConvoy(catalog, template, overridesFrom(options));
        const files = options.files.length > 0 ? await listFiles(cwd, options.files) : [];
        state = createConvoyState({
          convoy: convoyPlan,
          inputs: {
            files,
            ...(options.files.length > 0 ? { filesGlob: options.files.join(" ") } : {}),
            ...(options.pr ? { prUrl: options.pr } : {}),
            ...(options.issue ? { issue: options.issue } : {}),
          },
          cwd,
          runtime: options.runtime,
          dirFor: store.convoyDir,
        });
      } catch (error) {
        if (error instanceof UnknownTemplateError || error instanceof InvalidInputError) {
          throw new CliError(error.message, exitCodes.usage);
        }
        throw error;
      }
      await store.save(state);
      process.exitCode = await runWithProgress(state, store, {
        json: options.json,
        ...(options.failOn ? { failOn: options.failOn } : {}),
      });
    });

  convoy
    .command("status")
    .description("Show a convoy's agents and result (the latest convoy without an id)")
    .argument("[id]", "the convoy's id")
    .option("--json", "print the convoy's state as JSON")
    .action(async (id: string | undefined, options: { json?: boolean }) => {
      const state = await findConvoy(id);
      console.log(
        options.json
          ? JSON.stringify({ ...state, shownStatus: shownStatus(state) }, null, 2)
          : describeConvoy(state),
      );
    });

  convoy
    .command("list")
    .description("List convoys, newest first")
    .addOption(
      new Option("--status <status>", "only convoys with this status").choices([
        ...convoyStatuses,
        "interrupted",
      ]),
    )
    .option("--json", "print the convoys as JSON")
    .action(async (options: { status?: string; json?: boolean }) => {
      const { convoys, problems } = await createFileConvoyStore().list();
      for (const problem of problems) console.error(problem.message);
      const shown = options.status ? convoys.filter((c) => shownStatus(c) === options.status) : convoys;
      if (options.json) {
        console.log(
          JSON.stringify(
            shown.map((c) => summaryOf(c)),
            null,
            2,
          ),
        );
      } else {
        console.log(shown.length > 0 ? convoyTable(shown) : "No convoys.");
      }
    });

  convoy
    .command("stop")
    .description("Stop a running convoy: every agent is ended, the report covers what finished")
    .argument("<id>", "the convoy's id")
    .option("--json", "print the stopped convoy as JSON")
    .action(async (id: string, options: { json?: boolean }) => {
      const store = createFileConvoyStore();
      const state = await findConvoy(id);
      if (state.status !== "running") {
        console.log(options.json ? JSON.stringify(state, null, 2) : `${id} already ended: ${state.status}.`);
        return;
      }
      const stopped = await stopConvoy(state, { store, launcher: convoyLauncher(state.runtime) });
      const ended = stopped.agents.filter((a) => a.status === "stopped").length;
      console.log(
        options.json
          ? JSON.stringify(stopped, null, 2)
          : `${id}: ${stopped.status} (${ended} agents stopped).`,
      );
    });

  convoy
    .command("resume")
    .description("Continue a convoy whose process is gone (agents still running are waited for)")
    .argument("<id>", "the convoy's id")
    .option("--json", "print the finished convoy as JSON")
    .action(async (id: string, options: { json?: boolean }) => {
      const store = createFileConvoyStore();
      const state = await findConvoy(id);
      if (state.status !== "running") {
        console.log(options.json ? JSON.stringify(state, null, 2) : `${id} already ended: ${state.status}.`);
        process.exitCode = state.status === "completed" ? exitCodes.ok : exitCodes.failure;
        return;
      }
      refuseWhileOwned(state);
      process.exitCode = await runWithProgress(state, store, { json: Boolean(options.json) });
    });

  convoy
    .command("synthesize")
    .description("Run the convoy's last phase (its synthesis) again on what the other agents produced")
    .argument("<id>", "the convoy's id")
    .option("--json", "print the finished convoy as JSON")
    .action(async (id: string, options: { json?: boolean }) => {
      const store = createFileConvoyStore();
      const state = await findConvoy(id);
      if (state.status === "running") refuseWhileOwned(state);
      const again = rerunLastPhase(state);
      await store.save(again);
      process.exitCode = await runWithProgress(again, store, { json: Boolean(options.json) });
    });

  convoy
    .command("templates")
    .description(
      "List convoy and agent templates: built-in, yours (~/.config/drover) and the repo's (.github/drover)",
    )
    .option("--cwd <dir>", "the repository whose .github/drover to include (default: the current folder)")
    .option("--json", "print the templates as JSON")
    .action(async (options: { cwd?: string; json?: boolean }) => {
      const repoDir = await repoRoot(resolve(options.cwd ?? "."));
      const catalog = await loadTemplateCatalog({ repoDir, userDir: runnerConfigDir() });
      console.log(templatesText(catalog, Boolean(options.json)));
      for (const problem of catalog.problems) console.error(problem.message);
      if (catalog.problems.length > 0) process.exitCode = exitCodes.failure;
    });
}

function overridesFrom(options: z.output<typeof startOptionsSchema>): ConvoyOverrides {
  const overrides: ConvoyOverrides = {};
  for (const spec of options.model) {
    const at = spec.indexOf("=");
    if (at < 0) overrides.model = spec;
    else overrides.models = { ...overrides.models, [spec.slice(0, at)]: spec.slice(at + 1) };
  }
  if (options.timeout) overrides.timeoutMs = options.timeout;
  if (options.agentCommand) overrides.command = options.agentCommand;
  return overrides;
}

async function findConvoy(id: string | undefined): Promise<ConvoyState> {
  const store = createFileConvoyStore();
  if (id === undefined) {
    const latest = (await store.list()).convoys[0];
    if (!latest) throw new CliError("No convoys yet; start one with `drover convoy start <template>`.");
    return latest;
  }
  if (!isConvoyId(id))
    throw new CliError(`"${id}" is not a convoy id; \`drover convoy list\` shows them.`, exitCodes.usage);
  const state = await store.load(id);
  if (!state) throw new CliError(`There is no convoy ${id}; \`drover convoy list\` shows them.`);
  return state;
}

function refuseWhileOwned(state: ConvoyState): void {
  if (ownerAlive(state)) {
    throw new CliError(
      `${state.id} is running in process ${state.owner?.pid}; follow it with \`drover convoy status ${state.id}\` or stop it first.`,
    );
  }
}

function summaryOf(state: ConvoyState) {
  return {
    id: state.id,
    template: state.template,
    status: shownStatus(state),
    createdAt: state.createdAt,
    finishedAt: state.finishedAt,
    agents: state.agents.map((a) => ({ role: a.role, status: a.status })),
    counts: state.result?.counts,
    reportFile: state.result?.reportFile,
  };
}

// Templates and file globs are the repository's, wherever in it the command is run.
async function repoRoot(dir: string): Promise<string> {
  try {
    const { stdout } = await run("git", ["rev-parse", "--show-toplevel"], { cwd: dir });
    return stdout.trim();
  } catch {
    return dir;
  }
}
