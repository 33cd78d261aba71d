// Linear's routes: the webhook Linear delivers issue changes to.
import type { Route } from "../server/router.js";
import { handleLinearWebhook } from "./handle-linear-webhook.js";

export const linearRoutes = {
  webhooks: { method: "POST", path: "/api/linear/webhooks", handler: handleLinearWebhook },
} satisfies Record<string, Route>;
