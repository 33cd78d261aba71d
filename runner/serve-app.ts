// What `drover serve` does: validate the env, connect the integrations, serve every route and sweep timers.
// Loaded only when `serve` runs, so other commands don't pay for Probot, Bolt and the SDKs at start-up.
import { parseEnv } from "../src/config/env.js";
import { createAppContext } from "../src/server/app-context.js";
import { connectIntegrations } from "../src/server/integrations.js";
import { startServer } from "../src/server/serve.js";
import { startSweepLoop } from "../src/server/sweep-loop.js";

export async function serveApp(options: { port?: string; host: string }): Promise<void> {
  const env = parseEnv({ ...process.env, ...(options.port ? { PORT: options.port } : {}) });
  const app = createAppContext({ env });
  try {
    connectIntegrations(app);
  } catch (error) {
    // A bad integration variable: close the store so the process can exit with the message.
    await app.store.close();
    throw error;
  }
  const server = await startServer(app, env.PORT, options.host);
  const stopSweeps = startSweepLoop(app);
  app.log.info(
    { port: env.PORT, store: app.store.kind },
    `Drover is listening on http://localhost:${env.PORT}`,
  );
  const shutdown = (signal: string) => {
    app.log.info({ signal }, "shutting down");
    stopSweeps();
    server.close();
    server.closeAllConnections();
    void app
      .settle()
      .then(() => app.store.close())
      .finally(() => process.exit(0));
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
}
