// Finds the price of a model name the way ccusage does: the exact key, else the longest key that names it.
//
// Logs spell models in many ways (`claude-sonnet-4-5-20250929`, `claude-opus-4.5`, `anthropic/claude-…`,
// `…-thinking`), so a key matches when one name contains the other between non-alphanumeric boundaries,
// also after `.` and `@` are read as `-`. A key ending in a version number does not match a longer version
// (`claude-opus-4` is not `claude-opus-4-9`), but does match a dated or suffixed name.
import type { ModelPrice, PriceTable } from "./price-table.js";

const alphanumeric = /[A-Za-z0-9]/;
/** `-5`, `.1`, `@2`: the text after a key that continues its version number. */
const versionContinuation = /^[-.@_]\d{1,2}(?!\d)/;

const normalize = (name: string) => name.replace(/[.@]/g, "-");

function containsAtBoundary(haystack: string, needle: string): boolean {
  if (needle === "" || needle.length > haystack.length) return false;
  const endsWithDigit = /\d$/.test(needle);
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) {
    const before = haystack[at - 1];
    const after = haystack.slice(at + needle.length);
    if (before !== undefined && alphanumeric.test(before)) continue;
    if (after !== "" && alphanumeric.test(after[0]!)) continue;
    if (endsWithDigit && versionContinuation.test(after)) continue;
    return true;
  }
  return false;
}

function keyMatches(key: string, model: string, normalizedModel: string): boolean {
  if (containsAtBoundary(model, key) || containsAtBoundary(key, model)) return true;
  const normalizedKey = normalize(key);
  return (
    containsAtBoundary(normalizedModel, normalizedKey) || containsAtBoundary(normalizedKey, normalizedModel)
  );
}

export interface PriceLookup {
  /** The price of `model`, or undefined when no key names it (the model is then unpriced). */
  find(model: string): ModelPrice | undefined;
}

export function createPriceLookup(table: PriceTable): PriceLookup {
  const keys = Object.keys(table.models);
  const byNormalizedKey = new Map<string, ModelPrice>();
  for (const key of [...keys].sort()) {
    if (!byNormalizedKey.has(normalize(key))) byNormalizedKey.set(normalize(key), table.models[key]!);
  }
  const memo = new Map<string, ModelPrice | undefined>();
  const lookup = (model: string): ModelPrice | undefined => {
    const exact = table.models[model];
    if (exact) return exact;
    const normalizedModel = normalize(model);
    const normalized = byNormalizedKey.get(normalizedModel);
    if (normalized) return normalized;
    let best: string | undefined;
    for (const key of keys) {
      if (!keyMatches(key, model, normalizedModel)) continue;
      if (best === undefined || key.length > best.length || (key.length === best.length && key < best))
        best = key;
    }
    return best === undefined ? undefined : table.models[best];
  };
  return {
    find(model) {
      if (!memo.has(model))
        memo.set(model, Object.hasOwn(table.models, model) ? table.models[model] : lookup(model));
      return memo.get(model);
    },
  };
}
