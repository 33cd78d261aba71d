// POST /dashboard/sessions/:id/{send,kill,merge} — the buttons of the session page. Each records a human event
// through the session service (the same path as Slack buttons and PR commands), then sends the browser back.
// Guarded three ways: a signed-in viewer, a form from this site (Origin + CSRF token), and for GitHub users
// write access to the repo.
import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import type { SessionEventBody } from "../core/events.js";
import type { AppContext } from "../server/app-context.js";
import { HttpError, sendJson } from "../server/http.js";
import type { Route } from "../server/router.js";
import { handleSessionEvent } from "../sessions/handle-event.js";
import { canAct } from "../sessions/ports.js";
import { fromSameOrigin } from "./auth/same-origin.js";
import { authenticate, canSee, type Viewer, validCsrf } from "./auth/viewer.js";
import { readForm } from "./form-body.js";
import { refuse } from "./page-route.js";
import { redirect, sendHtml, wantsJson } from "./respond.js";
import { sessionPath } from "./session-path.js";
import { errorMain } from "./views/error-view.js";
import { layout } from "./views/layout.js";

export const sessionActions = ["send", "kill", "merge"] as const;
export type SessionAction = (typeof sessionActions)[number];

const csrf = z.string().optional();
const forms = {
  send: z.object({
    csrf,
    message: z
      .string({ error: "write a message for the agent" })
      .trim()
      .min(1, "write a message for the agent")
      .max(20_000, "keep the message under 20,000 characters"),
  }),
  kill: z.object({ csrf }),
  merge: z.object({ csrf }),
} as const;

async function mayAct(app: AppContext, viewer: Viewer, repo: string): Promise<void> {
  const { principal } = viewer;
  if (principal.kind !== "github" || !app.ports.github) return;
  const permission = await app.ports.github.permission(repo, principal.login);
  if (!canAct(permission))
    throw new HttpError(
      403,
      `@${principal.login} has ${permission} access to ${repo}; acting on its sessions needs write access.`,
    );
}

function eventFor(action: SessionAction, by: string, form: { message?: string }): SessionEventBody {
  if (action === "send") return { type: "human.send", by, message: form.message ?? "" };
  if (action === "kill") return { type: "human.kill", by };
  return { type: "human.merge", by };
}

async function act(
  app: AppContext,
  req: IncomingMessage,
  res: ServerResponse,
  viewer: Viewer,
  action: SessionAction,
  id: string,
): Promise<void> {
  if (!fromSameOrigin(req))
    throw new HttpError(403, "This form was sent from another site; nothing was done.");
  const form: { csrf?: string; message?: string } = await readForm(req, forms[action]);
  if (!validCsrf(viewer, form.csrf))
    throw new HttpError(
      403,
      "This form has expired (you may have signed in again); reload the page and retry.",
    );
  const session = await app.store.getSession(id);
  if (!session || !canSee(viewer.principal, session.repo))
    throw new HttpError(404, `There is no session ${id} you can see.`);
  await mayAct(app, viewer, session.repo);
  const event = { ...eventFor(action, viewer.principal.login, form), id: app.newId(`dashboard-${action}`) };
  const after = await handleSessionEvent(app, session.id, event, { repo: session.repo, wait: true });
  app.log.info(
    { sessionId: session.id, action, by: viewer.principal.login, changed: Boolean(after) },
    "dashboard action",
  );
  if (wantsJson(req)) {
    sendJson(res, after ? 202 : 200, { ok: true, changed: Boolean(after), state: (after ?? session).state });
    return;
  }
  redirect(res, `${sessionPath(session)}?${after ? "done" : "ignored"}=${action}`);
}

export function sessionActionRoute(action: SessionAction): Route {
  return {
    method: "POST",
    path: `/dashboard/sessions/:id/${action}`,
    handler: async (app, req, res, params) => {
      const viewer = authenticate(app, req);
      if (!viewer) return refuse(req, res, sessionPath({ id: params.id ?? "" }));
      try {
        await act(app, req, res, viewer, action, params.id ?? "");
      } catch (error) {
        if (!(error instanceof HttpError) || wantsJson(req)) throw error;
        sendHtml(res, error.status, layout({ title: "Not done", main: errorMain(error), viewer }));
      }
    },
  };
}
