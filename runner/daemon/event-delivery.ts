// Sends the buffered events to the app, one batch at a time and in order. The app unreachable or failing →
// back off with jitter and send the same batch again; events the app refuses for good are dropped with a log
// line so the rest are not held up behind them.

import { bodyLimits, maxEventsPerBatch } from "../../src/protocol/limits.js";
import { forbiddenEventsSchema, type RunnerEvent } from "../../src/protocol/runner-events.js";
import { protocolVersion } from "../../src/protocol/version.js";
import type { Logger } from "../../src/shared/logger.js";
import { AppCallError, type AppClient } from "./app-client.js";
import { createBackoff, sleep } from "./backoff.js";
import type { EventOutbox } from "./event-outbox.js";

export interface EventDelivery {
  /** Resolves when every event appended so far is acknowledged (or `timeoutMs` passes: false). */
  drained(timeoutMs: number): Promise<boolean>;
  stop(): Promise<void>;
}

export interface EventDeliveryOptions {
  outbox: EventOutbox;
  client: AppClient;
  log: Logger;
  /** The app refuses this runner (revoked or unknown token): nothing will ever be accepted. */
  onRefused(error: AppCallError): void;
}

const maxBatchBytes = Math.floor(bodyLimits.events / 2);

export function startEventDelivery(options: EventDeliveryOptions): EventDelivery {
  const { outbox, client, log } = options;
  const stopping = new AbortController();
  const backoff = createBackoff({ baseMs: 250, maxMs: 30_000 });
  let batchLimit = maxEventsPerBatch;
  let wake: (() => void) | undefined;
  let outageSince: number | undefined;
  outbox.onAppend(() => wake?.());

  const takeBatch = (pending: readonly RunnerEvent[]): RunnerEvent[] => {
    const batch: RunnerEvent[] = [];
    let bytes = 0;
    for (const event of pending) {
      const size = JSON.stringify(event).length;
      if (batch.length >= batchLimit || (batch.length > 0 && bytes + size > maxBatchBytes)) break;
      batch.push(event);
      bytes += size;
    }
    return batch;
  };

  const loop = (async () => {
    while (!stopping.signal.aborted) {
      const pending = outbox.pending();
      if (pending.length === 0) {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        wake = undefined;
        continue;
      }
      const batch = takeBatch(pending);
      try {
        const reply = await client.events({
          protocol: protocolVersion,
          stream: outbox.stream,
          events: batch,
        });
        outbox.ack(reply.lastSeq);
        if (reply.stale.length > 0)
          log.info({ seqs: reply.stale }, "the app found some events too late to matter");
        if (outageSince !== undefined) {
          log.info({ downForMs: Date.now() - outageSince }, "the app takes events again");
          outageSince = undefined;
        }
        backoff.reset();
        batchLimit = maxEventsPerBatch;
      } catch (error) {
        if (!(error instanceof AppCallError)) throw error;
        if (error.retryable) {
          if (outageSince === undefined) {
            outageSince = Date.now();
            log.warn(
              { err: error.message, pending: pending.length },
              "cannot deliver events; keeping them on disk and retrying",
            );
          }
          await sleep(backoff.next(), stopping.signal);
          continue;
        }
        if (!handleRefusal(error, batch)) await sleep(backoff.next(), stopping.signal);
      }
    }
  })();

  /** True when the refusal was dealt with and the next batch can go at once. */
  function handleRefusal(error: AppCallError, batch: RunnerEvent[]): boolean {
    if (error.status === 401) {
      options.onRefused(error);
      stopping.abort();
      return true;
    }
    if (error.status === 403) {
      const details = forbiddenEventsSchema.safeParse(error.details);
      if (details.success) {
        for (const f of details.data.forbidden)
          log.warn({ seq: f.seq, reason: f.reason }, "the app refused an event; dropped");
        outbox.drop(details.data.forbidden.map((f) => f.seq));
        return true;
      }
    }
    if (error.status === 413) {
      if (batch.length > 1) {
        batchLimit = Math.max(1, Math.floor(batch.length / 2));
        return true;
      }
      log.error({ seq: batch[0]!.seq, type: batch[0]!.type }, "an event is too large for the app; dropped");
      outbox.drop([batch[0]!.seq]);
      return true;
    }
    if (error.status === 400) {
      // The app names the field (events.<index>.…): drop just that event.
      const index = /events\.(\d+)/.exec(error.message)?.[1];
      const bad = index === undefined ? undefined : batch[Number(index)];
      if (bad) {
        log.error(
          { seq: bad.seq, type: bad.type, err: error.message },
          "the app cannot read an event; dropped",
        );
        outbox.drop([bad.seq]);
        return true;
      }
    }
    log.error({ status: error.status, err: error.message }, "the app refused a batch of events; will retry");
    return false;
  }

  return {
    async drained(timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (outbox.pending().length > 0) {
        if (Date.now() > deadline || stopping.signal.aborted) return false;
        await sleep(25);
      }
      return true;
    },
    async stop() {
      stopping.abort();
      wake?.();
      await loop;
    },
  };
}
