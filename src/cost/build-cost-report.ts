// The full report over the agents' log directories: what `drover cost` and the runner call.
import { statSync } from "node:fs";
import { systemTimeZone } from "./date-keys.js";
import { parseDateRange } from "./date-range.js";
import type { PriceLookup } from "./find-model-price.js";
import type { LoadedLinks } from "./links.js";
import { defaultLinksPath } from "./links-path.js";
import { type LoadUsageOptions, planUsage } from "./plan-usage.js";
import type { PriceTable } from "./price-table.js";
import { priceTableText } from "./price-table-text.js";
import { ReportCache, reportKey } from "./report-cache.js";
import type {
  DailyReport,
  IssueReport,
  MonthlyReport,
  SessionReport,
  SummarizeOptions,
} from "./summarize-usage.js";
import type { CostMode, ScanStats } from "./types.js";
import { cacheFormat, defaultCacheDir } from "./usage-cache.js";

export type ReportKind = "daily" | "monthly" | "session" | "issue";

export interface CostReportOptions extends LoadUsageOptions {
  mode?: CostMode;
  /** IANA zone the days and months are counted in; default: this machine's zone (as ccusage). */
  timeZone?: string;
  /** Inclusive, YYYYMMDD or YYYY-MM-DD. */
  since?: string;
  until?: string;
  /** `issue` reports: the links file (default: the runner's data dir, see links.ts). */
  linksPath?: string;
  /** Another price table than the shipped one (tests, what-if reports). */
  priceTable?: PriceTable;
}

interface Common {
  stats: ScanStats;
  unreadable: string[];
  /** True when nothing changed since an identical report was built, which is then returned as it was. */
  fromCache: boolean;
}

export type CostReport =
  | ({ kind: "daily" } & DailyReport & Common)
  | ({ kind: "monthly" } & MonthlyReport & Common)
  | ({ kind: "session" } & SessionReport & Common)
  | ({ kind: "issue"; links: Omit<LoadedLinks, "links"> & { count: number } } & IssueReport & Common);

const pricesByTable = new WeakMap<PriceTable, PriceLookup>();
async function pricesFor(table: PriceTable): Promise<PriceLookup> {
  let lookup = pricesByTable.get(table);
  if (!lookup) {
    const { createPriceLookup } = await import("./find-model-price.js");
    lookup = createPriceLookup(table);
    pricesByTable.set(table, lookup);
  }
  return lookup;
}

function fileStamp(path: string): [number, number] | null {
  try {
    const info = statSync(path);
    return [info.size, info.mtimeMs];
  } catch {
    return null;
  }
}

/**
 * Reads the logs (only what changed since the last run, thanks to the per-file cache) and builds one report.
 * Throws ConfigDirError when CLAUDE_CONFIG_DIR names nothing usable, CostUsageError for bad options,
 * CostFileError for a broken links file.
 */
export async function buildCostReport(
  kind: ReportKind,
  options: CostReportOptions = {},
): Promise<CostReport> {
  const mode = options.mode ?? "auto";
  const timeZone = options.timeZone ?? systemTimeZone();
  const range = parseDateRange(options.since, options.until);
  const linksPath = options.linksPath ?? defaultLinksPath(options.env ?? process.env);
  const plan = planUsage(options);
  const reports =
    options.cacheDir === false
      ? ReportCache.disabled()
      : ReportCache.open(options.cacheDir ?? defaultCacheDir(options.env ?? process.env));
  const key = reportKey([
    cacheFormat,
    kind,
    mode,
    timeZone,
    range,
    options.agents ?? "all",
    options.project ?? null,
    options.priceTable ?? priceTableText(),
    kind === "issue" ? [linksPath, fileStamp(linksPath)] : null,
    plan.stamp,
  ]);
  const cached = reports.get<CostReport>(key);
  if (cached) {
    return {
      ...cached,
      fromCache: true,
      stats: { ...cached.stats, bytesRead: 0, cachedFiles: cached.stats.files },
    };
  }

  // Only now load what reading and summing needs: an unchanged rerun never pays for it.
  const [{ streamUsage }, summaries, { readLinks }] = await Promise.all([
    import("./load-usage.js"),
    import("./summarize-usage.js"),
    import("./links.js"),
  ]);
  const summarize: SummarizeOptions = {
    mode,
    timeZone,
    range,
    prices: await pricesFor(options.priceTable ?? (await import("./price-table.js")).loadPriceTable()),
  };
  const links = kind === "issue" ? await readLinks(linksPath) : undefined;
  // Each file's entries are folded into the ledger (de-duplicated) as they arrive, then dropped.
  const ledger = summaries.createLedger(kind, summarize);
  const files = plan.files.map((listed) => listed.file);
  const usage = await streamUsage(plan, options, (listed, index, batches) => {
    for (const batch of batches) ledger.addBatch(batch, listed.file, index);
  });
  const common = { stats: usage.stats, unreadable: usage.unreadable, fromCache: false };
  let report: CostReport;
  switch (kind) {
    case "daily":
      report = { kind, ...summaries.summarizeDaily(ledger, summarize), ...common };
      break;
    case "monthly":
      report = { kind, ...summaries.summarizeMonthly(ledger, summarize), ...common };
      break;
    case "session":
      report = { kind, ...summaries.summarizeSessions(ledger, files, summarize), ...common };
      break;
    case "issue": {
      const { links: map, ...about } = links!;
      report = {
        kind,
        links: { ...about, count: map.size },
        ...summaries.summarizeIssues(ledger, files, map, summarize),
        ...common,
      };
      break;
    }
  }
  if (usage.unreadable.length === 0) reports.set(key, report);
  return report;
}
