// Every webhook that can change something goes through here, in three steps: prepare (read the store and
// GitHub; may fail, and then a redelivery can try again), claim the X-GitHub-Delivery id (a redelivery of a
// handled event stops here), act (write the store; slow GitHub work is queued as effects, not done here).
import type { EmitterWebhookEventName } from "@octokit/webhooks";
import type { Context } from "probot";
import type { AppContext } from "../../server/app-context.js";
import type { GitHubApp } from "../github-app.js";
import type { GitHubClient } from "../github-client.js";

/** GitHub lets people redeliver an event for three days; a claim outlives that. */
export const deliveryTtlMs = 4 * 86_400_000;

export interface Delivery<E extends EmitterWebhookEventName> {
  app: AppContext;
  github: GitHubApp;
  context: Context<E>;
  /** owner/name of the repository the event is about. */
  repo: string;
  client: GitHubClient;
  /** The core event id for what this delivery says (`suffix` tells apart several events of one delivery). */
  eventId(suffix?: string): string;
}

export type Act = () => Promise<void>;
export type Prepare<E extends EmitterWebhookEventName> = (delivery: Delivery<E>) => Promise<Act | undefined>;

interface RepoPayload {
  repository?: { full_name: string };
  installation?: { id: number };
}

export function handleDelivery<E extends EmitterWebhookEventName>(
  app: AppContext,
  github: GitHubApp,
  prepare: Prepare<E>,
): (context: Context<E>) => Promise<void> {
  return async (context) => {
    const payload = context.payload as RepoPayload;
    const repo = payload.repository?.full_name;
    if (!repo) return;
    if (payload.installation?.id) github.installations.remember(repo, payload.installation.id);
    const delivery: Delivery<E> = {
      app,
      github,
      context,
      repo,
      client: context.octokit as GitHubClient,
      eventId: (suffix) => `github:${context.id}${suffix ? `:${suffix}` : ""}`,
    };
    const act = await prepare(delivery);
    if (!act) return;
    if (!(await app.store.markDelivery(`github:${context.id}`, deliveryTtlMs))) {
      context.log.info({ delivery: context.id, event: context.name }, "delivery already handled; ignored");
      return;
    }
    await act();
  };
}
