// Refreshes src/cost/price-table.json from LiteLLM's pricing file. Run by hand, never at build or test time:
//   node --import tsx scripts/refresh-prices.ts [--from <file or URL>] [--dry-run]
// then review the diff (and run biome to format it) before committing.
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { priceTableFromLiteLlm } from "../src/cost/litellm-prices.js";
import { loadPriceTable, priceTableUrl } from "../src/cost/price-table.js";

const defaultSource =
  "https://raw.githubusercontent.com/BerriAI/litellm/main/model_prices_and_context_window.json";

async function readSource(from: string): Promise<unknown> {
  if (/^https?:\/\//.test(from)) {
    const response = await fetch(from);
    if (!response.ok) throw new Error(`${from} answered ${response.status} ${response.statusText}`);
    return response.json();
  }
  return JSON.parse(readFileSync(from, "utf8"));
}

const { values } = parseArgs({
  options: {
    from: { type: "string", default: defaultSource },
    "dry-run": { type: "boolean", default: false },
  },
});
const source = await readSource(values.from!);
const { table, added, changed } = priceTableFromLiteLlm(
  source,
  loadPriceTable(),
  new Date().toISOString().slice(0, 10),
);
console.log(`added: ${added.join(", ") || "none"}`);
console.log(`changed: ${changed.join(", ") || "none"}`);
if (values["dry-run"]) {
  console.log("dry run: price table not written");
} else {
  const path = fileURLToPath(priceTableUrl);
  writeFileSync(path, `${JSON.stringify(table, null, 2)}\n`);
  console.log(`wrote ${path} (${Object.keys(table.models).length} models)`);
}
