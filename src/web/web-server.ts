import { createServer, type Server } from "node:http";
import { sendJson } from "../http/respond.js";
import type { AppContext } from "../jobs/app-context.js";
import type { WebAppDeps } from "./deps.js";
import { createWebApp } from "./web-app.js";

export interface StartWebServerOptions extends Omit<WebAppDeps, "ctx" | "adminToken"> {
  ctx: AppContext;
  adminToken: string;
  /** 0 picks a free port (tests). */
  port?: number;
  /** Loopback unless an operator opens it on purpose (behind a TLS-terminating proxy). */
  host?: string;
}

export interface RunningWebServer {
  server: Server;
  url: string;
  port: number;
  close(): Promise<void>;
}

/** The web app alone on a node:http server: for tests and for running the dashboard without Slack or Jira. */
export async function startWebServer(opts: StartWebServerOptions): Promise<RunningWebServer> {
  const { port = 0, host = "127.0.0.1", ...deps } = opts;
  const log = deps.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const handle = createWebApp({ ...deps, log });
  const server = createServer((req, res) => {
    handle(req, res).then(
      (handled) => {
        if (!handled) {
          req.resume();
          sendJson(res, 404, { error: "not_found", message: "not found" });
        }
      },
      (error: unknown) => {
        // createWebApp answers its own errors; this is a bug in it, logged and answered, never left hanging.
        log(`web: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        if (!res.headersSent) sendJson(res, 500, { error: "internal_error", message: "internal error" });
        else res.destroy();
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === "string")
    throw new Error(`unexpected server address ${String(address)}`);
  const shown = host.includes(":") ? `[${host}]` : host;
  return {
    server,
    url: `http://${shown}:${address.port}`,
    port: address.port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((e) => (e ? reject(e) : resolve()));
        server.closeAllConnections();
      }),
  };
}
