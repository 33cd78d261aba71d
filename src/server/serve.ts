// `drover serve`: every route on one node:http server, for local runs and self-hosting.
import { createServer, type Server } from "node:http";
import type { AppContext } from "./app-context.js";
import { dispatch } from "./router.js";
import { routes } from "./routes.js";

export function startServer(app: AppContext, port: number, host = "0.0.0.0"): Promise<Server> {
  const server = createServer((req, res) => {
    void dispatch(app, routes, req, res);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve(server));
  });
}
