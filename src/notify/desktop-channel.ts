// The desktop channel: a notify job on the queue of the runner that runs the session; the runner shows it
// through the OS, and a click opens the dashboard deep link. A session no runner has taken yet is skipped.
import { createHash } from "node:crypto";
import type { RunnerJob } from "../core/effects.js";
import type { AppContext } from "../server/app-context.js";
import { runnerQueue } from "../sessions/job-queues.js";
import type { ChannelOutcome, Delivery, NotificationChannel } from "./channel.js";

/** OS notification centres show a few lines; the rest is on the dashboard. */
const maxBody = 500;

export function createDesktopChannel(app: AppContext): NotificationChannel {
  return {
    name: "desktop",
    async send(delivery: Delivery): Promise<ChannelOutcome> {
      const { session, notification, links } = delivery;
      if (!session.runnerId) return { skipped: "the session has no runner to show it on" };
      const body =
        notification.body.length > maxBody
          ? `${notification.body.slice(0, maxBody - 1)}…`
          : notification.body;
      const job: RunnerJob = {
        kind: "notify",
        sessionId: session.id,
        title: notification.title,
        body,
        ...(links.dashboard ? { url: links.dashboard } : {}),
        priority: notification.priority,
      };
      // The id comes from the delivery, so a retried notification is queued once (enqueueJob is idempotent).
      const id = `notify_${createHash("sha256").update(delivery.id).digest("hex").slice(0, 24)}`;
      const queue = runnerQueue(session.runnerId);
      await app.store.enqueueJob({ id, queue, sessionId: session.id, payload: job }, app.now());
      return { sent: `job ${id} on ${queue}` };
    },
  };
}
