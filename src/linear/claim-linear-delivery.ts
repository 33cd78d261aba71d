// Webhook delivery dedupe: Linear sends a delivery again when it did not get a 200 in time, with the same
// Linear-Delivery id. The first arrival claims the id; a later one is a repeat and does nothing — unless the
// first failed, in which case it left a note so the repeat is allowed to finish the work.
import type { Store } from "../store/store.js";

/** Linear retries for hours at most; a day covers every retry it makes. */
const deliveryTtlMs = 86_400_000;

const claimKey = (id: string) => `linear:delivery:${id}`;
const failedKey = (id: string) => `linear:delivery-failed:${id}`;

/** True when this delivery should be handled: its first arrival, or a repeat of one that failed. */
export async function claimLinearDelivery(store: Store, deliveryId: string): Promise<boolean> {
  if (await store.markDelivery(claimKey(deliveryId), deliveryTtlMs)) return true;
  return (await store.readList(failedKey(deliveryId))).length > 0;
}

/** Lets the next arrival of this delivery run again; what it starts is itself idempotent per issue. */
export async function releaseLinearDelivery(store: Store, deliveryId: string, error: string): Promise<void> {
  await store.appendToList(failedKey(deliveryId), [error.slice(0, 500)], deliveryTtlMs);
}
