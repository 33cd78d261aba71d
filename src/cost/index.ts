// Public API of cost reporting: what the runner, the CLI and the app import (nothing else from src/cost).
export {
  buildCostReport,
  type CostReport,
  type CostReportOptions,
  type ReportKind,
} from "./build-cost-report.js";
export { calculateCost, type EntryCost, priceTokens } from "./calculate-cost.js";
export { ConfigDirError, CostError, CostFileError, CostUsageError } from "./errors.js";
export { createPriceLookup, type PriceLookup } from "./find-model-price.js";
export {
  defaultLinksPath,
  type LinksFile,
  type LoadedLinks,
  linksFileSchema,
  readLinks,
  runnerDataDir,
  type SessionLink,
  sessionLinkSchema,
} from "./links.js";
export { type LoadedUsage, type LoadUsageOptions, loadUsage } from "./load-usage.js";
export { loadPriceTable, type ModelPrice, type PriceTable, parsePriceTable } from "./price-table.js";
export { renderReportTable } from "./render-table.js";
export { reportJson } from "./report-json.js";
export { costOfUsage, findModelPrice } from "./shipped-prices.js";
export {
  openTranscriptTail,
  type TailEntry,
  type TailUpdate,
  TranscriptTail,
  type TranscriptTailOptions,
} from "./transcript-tail.js";
export type * from "./types.js";
