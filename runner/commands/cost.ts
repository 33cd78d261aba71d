// `drover cost daily|monthly|session|issue`: token usage and cost from the agents' local logs.
//
// Reads Claude Code transcripts (CLAUDE_CONFIG_DIR, ~/.config/claude, ~/.claude) and Codex rollouts
// (CODEX_HOME, ~/.codex) with ccusage's rules, so the totals match what users already trust; `--json`
// prints ccusage's shape. Also runs on its own (`node dist/runner/commands/cost.js daily`), for benchmarks.
import { realpathSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { Command, CommanderError, Option } from "commander";
import { z } from "zod";
import { formatIssues } from "../../src/config/format-issues.js";
import { buildCostReport, type ReportKind } from "../../src/cost/build-cost-report.js";
import { assertTimeZone, systemTimeZone } from "../../src/cost/date-keys.js";
import { ConfigDirError, CostError, CostUsageError } from "../../src/cost/errors.js";
import { createProgressIndicator } from "../../src/cost/progress-indicator.js";
import { reportJson } from "../../src/cost/report-json.js";
import { CliError, exitCodes } from "../exit-codes.js";

const optionsSchema = z.object({
  since: z.string().optional(),
  until: z.string().optional(),
  timezone: z.string().min(1).optional(),
  json: z.boolean().default(false),
  breakdown: z.boolean().default(false),
  project: z.string().min(1).optional(),
  mode: z.enum(["auto", "calculate", "display"]).default("auto"),
  agent: z.enum(["claude", "codex", "all"]).default("all"),
  links: z.string().min(1).optional(),
  cache: z.boolean().default(true),
  offline: z.boolean().optional(),
});
type CostOptions = z.infer<typeof optionsSchema>;

const descriptions: Record<ReportKind, string> = {
  daily: "usage and cost per day",
  monthly: "usage and cost per month",
  session: "usage and cost per agent session, most expensive first",
  issue: "usage and cost per Drover issue (agent sessions linked by the runner)",
};

async function runReport(kind: ReportKind, raw: unknown): Promise<void> {
  const parsed = optionsSchema.safeParse(raw);
  if (!parsed.success) throw new CliError(`Invalid options:\n${formatIssues(parsed.error)}`, exitCodes.usage);
  const options: CostOptions = parsed.data;
  const timeZone = options.timezone ?? systemTimeZone();
  const progress = createProgressIndicator(process.stderr);
  try {
    assertTimeZone(timeZone);
    const report = await buildCostReport(kind, {
      agents: options.agent,
      project: options.project,
      mode: options.mode,
      timeZone,
      since: options.since,
      until: options.until,
      linksPath: options.links,
      cacheDir: options.cache ? undefined : false,
      onProgress: (done, total) => progress.update(done, total),
    });
    progress.stop();
    if (options.json) console.log(JSON.stringify(reportJson(report), null, 2));
    else {
      const { renderReportTable } = await import("../../src/cost/render-table.js");
      console.log(renderReportTable(report, { breakdown: options.breakdown }));
    }
  } catch (error) {
    progress.stop();
    // A CLAUDE_CONFIG_DIR that names nothing is a bad environment: a usage error, like a bad option.
    if (error instanceof CostUsageError || error instanceof ConfigDirError)
      throw new CliError(error.message, exitCodes.usage);
    if (error instanceof CostError) throw new CliError(error.message, exitCodes.failure);
    throw error;
  }
}

function addReport(parent: Command, kind: ReportKind, isDefault: boolean): void {
  parent
    .command(kind, { isDefault })
    .description(`Show agent token ${descriptions[kind]}`)
    .option("-s, --since <date>", "first day to include (YYYYMMDD or YYYY-MM-DD)")
    .option("-u, --until <date>", "last day to include (YYYYMMDD or YYYY-MM-DD)")
    .option("-z, --timezone <zone>", "IANA time zone days are counted in (default: this machine's)")
    .option("-j, --json", "print JSON in ccusage's shape instead of a table")
    .option("-b, --breakdown", "show a row per model under each row")
    .option(
      "-p, --project <name>",
      "only this Claude project (folder name under projects/); leaves Codex logs out",
    )
    .addOption(
      new Option(
        "-m, --mode <mode>",
        "auto: recorded costUSD else priced; calculate: always priced; display: recorded only",
      )
        .choices(["auto", "calculate", "display"])
        .default("auto"),
    )
    .addOption(
      new Option("--agent <agent>", "which agents' logs to read")
        .choices(["claude", "codex", "all"])
        .default("all"),
    )
    .option(
      "--links <file>",
      "links file mapping agent sessions to Drover issues (default: the runner's data dir)",
    )
    .option("--no-cache", "read every log again and keep no cache")
    .option("-O, --offline", "accepted for ccusage compatibility: prices never come from the network")
    .action((options: unknown) => runReport(kind, options));
}

export function registerCostCommand(program: Command): void {
  const cost = program
    .command("cost")
    .description("Show agent token usage and cost from local Claude Code and Codex logs")
    .addHelpText(
      "after",
      "\nLogs: CLAUDE_CONFIG_DIR (comma-separated) or ~/.config/claude and ~/.claude; CODEX_HOME or ~/.codex.\n" +
        "Exit codes: 0 ok, 1 error (a broken links file), 2 bad usage (bad option, CLAUDE_CONFIG_DIR naming nothing).",
    );
  addReport(cost, "daily", true);
  addReport(cost, "monthly", false);
  addReport(cost, "session", false);
  addReport(cost, "issue", false);
}

/** `drover cost …` without the rest of the CLI (used by bench/cost and to try the command quickly). */
export async function runCostCli(args: string[]): Promise<number> {
  const program = new Command("drover").exitOverride();
  registerCostCommand(program);
  try {
    await program.parseAsync(["cost", ...args], { from: "user" });
    return exitCodes.ok;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? exitCodes.ok : exitCodes.usage;
    if (error instanceof CliError) {
      console.error(error.message);
      return error.code;
    }
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    return exitCodes.failure;
  }
}

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(realpathSync(entry)).href) {
  process.exitCode = await runCostCli(process.argv.slice(2));
}
