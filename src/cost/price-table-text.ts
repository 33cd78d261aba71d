// The shipped price table's text, read without its schema: enough to key cached reports on the prices, and
// cheap (an unchanged rerun never loads zod for it).
import { readFileSync } from "node:fs";

/** Where the shipped table lives, next to this module in src/ and in dist/ alike. */
export const priceTableUrl = new URL("./price-table.json", import.meta.url);

let shippedText: string | undefined;

/** The shipped table's text, read once. */
export function priceTableText(): string {
  shippedText ??= readFileSync(priceTableUrl, "utf8");
  return shippedText;
}
