// Runs one channel's send with a deadline: past it the router stops waiting (and aborts the send), so a slow
// channel costs the others nothing.
import { formatDuration } from "../config/duration.js";

export class ChannelTimeoutError extends Error {
  constructor(what: string, ms: number) {
    super(`${what} did not answer within ${formatDuration(ms)}`);
    this.name = "ChannelTimeoutError";
  }
}

export async function withTimeout<T>(
  ms: number,
  what: string,
  run: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new ChannelTimeoutError(what, ms);
      controller.abort(error);
      reject(error);
    }, ms);
  });
  try {
    // A send that settles after the deadline is ignored: race has already subscribed to it.
    return await Promise.race([run(controller.signal), deadline]);
  } finally {
    clearTimeout(timer);
  }
}
