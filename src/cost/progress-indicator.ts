// Shows how far reading the logs has got, on a terminal only and only once reading takes over a second.
//
// Reading happens in synchronous bursts on the main thread, so a timer could not fire in time: the
// indicator is drawn from the progress callbacks instead, at most ten times a second.

export interface ProgressIndicator {
  update(doneBytes: number, totalBytes: number): void;
  stop(): void;
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(bytes >= 1e8 ? 0 : 1)} MB`;

export function createProgressIndicator(
  stream: NodeJS.WriteStream = process.stderr,
  options: { delayMs?: number; now?: () => number } = {},
): ProgressIndicator {
  const now = options.now ?? (() => performance.now());
  const started = now();
  const delay = options.delayMs ?? 1000;
  let lastDrawn = 0;
  let shown = false;
  return {
    update(done, total) {
      if (!stream.isTTY || total <= 0) return;
      const t = now();
      if (t - started < delay || t - lastDrawn < 100) return;
      lastDrawn = t;
      shown = true;
      const percent = Math.min(100, Math.floor((done / total) * 100));
      stream.write(`\r\x1b[2KReading agent logs… ${percent}% (${mb(done)} of ${mb(total)})`);
    },
    stop() {
      if (shown) stream.write("\r\x1b[2K");
      shown = false;
    },
  };
}
