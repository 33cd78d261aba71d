// Work that goes on after the response (effects, Slack actions) must not be frozen with a Vercel function:
// the runtime publishes its waitUntil on globalThis under Symbol.for("@vercel/request-context") (what
// @vercel/functions' waitUntil reads; that package is not a dependency). Outside Vercel this does nothing.

interface VercelRequestContext {
  get?: () => { waitUntil?: (work: Promise<unknown>) => void } | undefined;
}

const requestContextSymbol = Symbol.for("@vercel/request-context");

export function vercelWaitUntil(work: Promise<unknown>): void {
  const holder = (globalThis as Record<symbol, VercelRequestContext | undefined>)[requestContextSymbol];
  holder?.get?.()?.waitUntil?.(work.catch(() => undefined));
}
