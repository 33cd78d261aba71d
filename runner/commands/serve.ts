// `drover serve`: the app server (webhooks, runner protocol, dashboard) on PORT, default 3000.
import type { Command } from "commander";
import { parseEnv } from "../../src/config/env.js";
import { createAppContext } from "../../src/server/app-context.js";
import { connectIntegrations } from "../../src/server/integrations.js";
import { startServer } from "../../src/server/serve.js";
import { startSweepLoop } from "../../src/server/sweep-loop.js";

export function registerServeCommand(program: Command): void {
  program
    .command("serve")
    .description(
      "Run the app server: GitHub webhooks, the runner API and the dashboard (store from env; embedded when none)",
    )
    .option("-p, --port <port>", "port to listen on (default: $PORT or 3000)")
    .option("--host <host>", "address to bind", "0.0.0.0")
    .action(async (options: { port?: string; host: string }) => {
      const env = parseEnv({ ...process.env, ...(options.port ? { PORT: options.port } : {}) });
      const app = connectIntegrations(createAppContext({ env }));
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
    });
}
