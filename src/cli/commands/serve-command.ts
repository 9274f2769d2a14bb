import { type Command, InvalidArgumentError } from "commander";
import type { AppContext } from "../../jobs/app-context.js";
import { redactUrl } from "../../model/redact-url.js";
import type { ProcessLog } from "../../ops/process-log.js";
import type { ServeWiring } from "../../server/run-server.js";
import { type GlobalOptions, type Io, withContext } from "../cli-context.js";
import { untilStopSignal } from "./worker-command.js";

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65_535)
    throw new InvalidArgumentError(`expected a port 0-65535, got "${value}"`);
  return n;
}

/**
 * Runs the server until `stop` resolves (SIGTERM/SIGINT in the CLI), then shuts down in order: stop
 * accepting, finish open requests and acked Slack work, close connections; the store closes last (withContext).
 */
export async function serveUntil(
  ctx: AppContext,
  io: Io,
  opts: {
    host?: string;
    port?: number;
    stop: Promise<string>;
    wiring?: ServeWiring;
    /** How long open requests and acked Slack work get after `stop` (DEFAULT_SHUTDOWN_TIMEOUT_MS). */
    shutdownTimeoutMs?: number;
    /** The process log; pino on stderr in the format SIGHTLINE_LOG_FORMAT or the terminal asks for. */
    events?: ProcessLog;
  },
): Promise<void> {
  const [
    { runServer },
    { DEFAULT_SHUTDOWN_TIMEOUT_MS, finishesWithin, ShutdownTimeoutError },
    { createProcessLog, logFormatFrom },
  ] = await Promise.all([
    import("../../server/run-server.js"),
    import("../../jobs/shutdown.js"),
    import("../../ops/process-log.js"),
  ]);
  const events = opts.events ?? createProcessLog("serve", logFormatFrom(io.env, io.isTty), io.err);
  const log = (line: string) => events.info(line);
  const running = await runServer(
    ctx,
    {
      env: io.env,
      log,
      ...(opts.host ? { host: opts.host } : {}),
      ...(opts.port !== undefined ? { port: opts.port } : {}),
    },
    opts.wiring ?? {},
  );
  const signal = await opts.stop;
  const timeoutMs = opts.shutdownTimeoutMs ?? DEFAULT_SHUTDOWN_TIMEOUT_MS;
  log(`${signal}: finishing open requests (at most ${timeoutMs / 1000} s)`);
  const stopping = running.stop();
  if (!(await finishesWithin(stopping, timeoutMs))) {
    // Abandoned past the deadline: the connections are cut so the process can exit.
    stopping.catch(() => {});
    running.server.server.closeAllConnections();
    throw new ShutdownTimeoutError("serve", timeoutMs, "open requests and acknowledged Slack work");
  }
  log("stopped");
}

/**
 * `sightline serve`. `wiring` lets the process entry point plug in the queue producers and the Jira webhook
 * handler; the bare command runs the embedded default (work in this process, no Jira webhooks).
 */
export function registerServe(
  program: Command,
  io: Io,
  wiring: (ctx: AppContext) => Promise<ServeWiring> | ServeWiring = () => ({}),
): void {
  program
    .command("serve")
    .description("run the HTTP side (Slack events and actions, Jira webhooks, /healthz) until SIGTERM")
    .option(
      "--host <host>",
      "address to listen on (default: server.host in the config, or 127.0.0.1; env SIGHTLINE_HOST)",
    )
    .option(
      "--port <port>",
      "port to listen on (default: server.port, or 3000; env SIGHTLINE_PORT / PORT)",
      port,
    )
    .action(async (opts: { host?: string; port?: number }) => {
      // Loaded here, not at start: Bolt, BullMQ and Bull Board cost a second every other command would pay.
      const [
        { createJobQueues, createRedis, createRedisWatch, queueLocation, queuesByName },
        { createJobDashboard },
        { queuedWork },
        { shutdownTimeoutFrom },
        { createProcessLog, logFormatFrom },
      ] = await Promise.all([
        import("../../jobs/queue/index.js"),
        import("../../server/job-dashboard.js"),
        import("../../jobs/decision-work.js"),
        import("../../jobs/shutdown.js"),
        import("../../ops/process-log.js"),
      ]);
      const events = createProcessLog("serve", logFormatFrom(io.env, io.isTty), io.err);
      await withContext(program.opts<GlobalOptions>(), io, async (ctx) => {
        // Distributed mode when REDIS_URL is set: clicks and webhooks enqueue; workers do the work.
        // The same reading of REDIS_URL and SIGHTLINE_QUEUE_PREFIX as the workers': both name the same queues.
        const where = io.env.REDIS_URL ? queueLocation(io.env, "serve") : null;
        const redis = where ? createRedis(where.url, "producer") : null;
        const watch = createRedisWatch((line, level) => events[level](line), {
          ...(where ? { address: redactUrl(where.url, "(unparseable REDIS_URL)") } : {}),
        });
        if (redis) watch.watch(redis);
        const queues =
          where && redis
            ? createJobQueues({ redis, ownsRedis: true, prefix: where.prefix, onError: watch.error })
            : null;
        try {
          const base = await wiring(ctx);
          const work = base.work ?? (queues ? queuedWork(queues) : undefined);
          const token = io.env.SIGHTLINE_ADMIN_TOKEN;
          if (queues && !token) events.info("SIGHTLINE_ADMIN_TOKEN is not set: the job dashboard is off");
          const mounts = [
            ...(base.mounts ?? []),
            ...(queues && token ? [createJobDashboard(queues, token)] : []),
          ];
          await serveUntil(ctx, io, {
            ...opts,
            stop: untilStopSignal(),
            shutdownTimeoutMs: shutdownTimeoutFrom(io.env),
            events,
            wiring: {
              ...base,
              mounts,
              ...(work ? { work } : {}),
              ...(queues ? { queues: queuesByName(queues) } : {}),
              ...(queues && !base.syncNow
                ? {
                    syncNow: async (id: string) => ({
                      kind: "queued" as const,
                      jobId: (await queues.enqueueSync(id, "web: sync now")).id ?? null,
                    }),
                  }
                : {}),
            },
          });
        } finally {
          await queues?.close();
        }
      });
    });
}
