// The progress line: only on a terminal, only after a second, at most ten times a second, cleared at the end.
import { describe, expect, it } from "vitest";
import { createProgressIndicator } from "../../src/cost/progress-indicator.js";

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  return {
    writes,
    stream: { isTTY, write: (text: string) => writes.push(text) } as unknown as NodeJS.WriteStream,
  };
}

describe("createProgressIndicator", () => {
  it("stays silent for a second, then draws and finally clears the line", () => {
    let now = 0;
    const { writes, stream } = fakeStream(true);
    const progress = createProgressIndicator(stream, { now: () => now });
    progress.update(10e6, 100e6);
    now = 900;
    progress.update(20e6, 100e6);
    expect(writes).toEqual([]);
    now = 1100;
    progress.update(50e6, 100e6);
    now = 1150;
    progress.update(60e6, 100e6); // too soon after the last draw
    progress.stop();
    expect(writes).toEqual(["\r\x1b[2KReading agent logs… 50% (50.0 MB of 100 MB)", "\r\x1b[2K"]);
  });

  it("never draws when the output is not a terminal", () => {
    let now = 0;
    const { writes, stream } = fakeStream(false);
    const progress = createProgressIndicator(stream, { now: () => now });
    now = 5000;
    progress.update(1, 2);
    progress.stop();
    expect(writes).toEqual([]);
  });
});
