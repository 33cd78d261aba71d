// The runner API's routes: what runners call (register, poll, heartbeat, events) and the admin calls.
import type { Route } from "../router.js";
import { handleRunnerList, handleRunnerRevoke, handleStartSession } from "./admin.js";
import { handleRunnerEvents } from "./events.js";
import { handleRunnerHeartbeat } from "./heartbeat.js";
import { handleRunnerPoll } from "./poll.js";
import { handleRunnerRegister } from "./register.js";

export const runnerRoutes = {
  register: { method: "POST", path: "/api/runner/register", handler: handleRunnerRegister },
  poll: { method: "POST", path: "/api/runner/poll", handler: handleRunnerPoll },
  heartbeat: { method: "POST", path: "/api/runner/heartbeat", handler: handleRunnerHeartbeat },
  events: { method: "POST", path: "/api/runner/events", handler: handleRunnerEvents },
  revoke: { method: "POST", path: "/api/runner/admin/revoke", handler: handleRunnerRevoke },
  runners: { method: "GET", path: "/api/runner/admin/runners", handler: handleRunnerList },
  startSession: { method: "POST", path: "/api/runner/admin/sessions", handler: handleStartSession },
} satisfies Record<string, Route>;
