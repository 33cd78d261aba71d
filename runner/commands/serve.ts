// `drover serve`: the app server (webhooks, runner API, dashboard) on PORT, default 3000.
import type { Command } from "commander";

export function registerServeCommand(program: Command): void {
  program
    .command("serve")
    .description(
      "Run the app server: GitHub webhooks, the runner API and the dashboard (store from env; embedded when none)",
    )
    .option("-p, --port <port>", "port to listen on (default: $PORT or 3000)")
    .option("--host <host>", "address to bind", "0.0.0.0")
    .action(async (options: { port?: string; host: string }) => {
      const { serveApp } = await import("../serve-app.js");
      await serveApp(options);
    });
}
