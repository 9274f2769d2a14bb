import { createBullBoard } from "@bull-board/api";
import { BullMQAdapter } from "@bull-board/api/bullMQAdapter";
import { ExpressAdapter } from "@bull-board/express";
import express from "express";
import { hasAdminToken } from "../http/admin-token.js";
import type { JobQueues } from "../jobs/queue/index.js";
import type { Mount } from "./create-server.js";

export const JOB_DASHBOARD_PATH = "/admin/queues";

/**
 * Bull Board over the four queues, for operators: waiting, delayed, failed jobs and their errors, with retry.
 * Behind the admin token (Bearer, or the browser's Basic prompt with the token as password); nothing of it is
 * reachable without.
 */
export function createJobDashboard(queues: JobQueues, adminToken: string): Mount {
  // https://github.com/felixmosh/bull-board#hello-world (an express adapter under a base path)
  const adapter = new ExpressAdapter();
  adapter.setBasePath(JOB_DASHBOARD_PATH);
  createBullBoard({
    queues: [queues.sync, queues.reconcile, queues.alert, queues.writeback].map((q) => new BullMQAdapter(q)),
    serverAdapter: adapter,
  });
  const app = express();
  app.disable("x-powered-by");
  app.use(JOB_DASHBOARD_PATH, adapter.getRouter());
  return {
    prefix: JOB_DASHBOARD_PATH,
    handle(req, res) {
      if (!hasAdminToken(req, adminToken)) {
        req.resume();
        res.writeHead(401, {
          "WWW-Authenticate": 'Basic realm="Sightline jobs"',
          "Content-Type": "text/plain",
        });
        res.end("the job dashboard needs the admin token (SIGHTLINE_ADMIN_TOKEN)\n");
        return;
      }
      app(req, res);
    },
  };
}
