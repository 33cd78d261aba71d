// A command template as users write one (a convoy agent's `command`, the repo config's `agent.command`): each
// `{{name}}` or `{name}` of a known variable becomes its value, shell-quoted, so no value can run shell code.
import { shellQuote } from "../shared/shell-quote.js";

/** Linux refuses a single argument longer than this (MAX_ARG_STRLEN, 32 pages of 4 KiB). */
export const maxArgumentBytes = 128 * 1024;

const variable = /\{\{\s*(\w+)\s*\}\}|\{(\w+)\}/g;

/** Fills the variables `values` names; anything else in braces is left as written. */
export function fillCommandTemplate(template: string, values: Readonly<Record<string, string>>): string {
  // One pass over the template: a value is never searched for variables itself.
  return template.replace(variable, (whole, double: string | undefined, single: string | undefined) => {
    const name = (double ?? single)!;
    return Object.hasOwn(values, name) ? shellQuote(values[name]!) : whole;
  });
}

/** Whether the template uses the variable, in either form. */
export function templateUses(template: string, name: string): boolean {
  return [...template.matchAll(variable)].some((m) => (m[1] ?? m[2]) === name);
}
