// Hands one verified Slack request to Bolt and answers Slack as soon as the listener acks (Slack gives up
// after 3 seconds); the listener's remaining work runs on after the answer. If no listener acks in time
// (an unknown action, or a listener failing first), Slack still gets an empty 200 before its deadline.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { App } from "@slack/bolt";
import type { AppContext } from "../server/app-context.js";

/** Well inside Slack's 3 seconds, leaving room for the network. */
export const ackDeadlineMs = 2_500;

function answer(res: ServerResponse, response: unknown): void {
  if (res.headersSent) return;
  if (response === undefined || response === "") {
    res.writeHead(200, { "content-length": "0" });
    res.end();
  } else if (typeof response === "string") {
    res.writeHead(200, { "content-type": "text/plain; charset=utf-8" });
    res.end(response);
  } else {
    res.writeHead(200, { "content-type": "application/json; charset=utf-8" });
    res.end(JSON.stringify(response));
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === "string" ? value : undefined;
}

export async function dispatchToBolt(
  app: AppContext,
  bolt: App,
  body: Record<string, unknown>,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  let acked!: () => void;
  const ackedNow = new Promise<void>((resolve) => {
    acked = resolve;
  });
  const retryNum = Number(header(req, "x-slack-retry-num"));
  const retryReason = header(req, "x-slack-retry-reason");
  const work = bolt.processEvent({
    body,
    ack: async (response?: unknown) => {
      answer(res, response);
      acked();
    },
    ...(Number.isInteger(retryNum) ? { retryNum } : {}),
    ...(retryReason ? { retryReason } : {}),
  });
  app.defer(work); // on Vercel, defer hands the work to waitUntil (see sharedAppContext)
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ackDeadlineMs);
  });
  await Promise.race([
    ackedNow,
    work.then(
      () => undefined,
      () => undefined,
    ),
    deadline,
  ]);
  clearTimeout(timer);
  answer(res, undefined);
}
