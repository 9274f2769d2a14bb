import { emailConnectorConfigSchema } from "../../../connectors/email/config.js";
import { createEmailConnector, type EmailConnector } from "../../../connectors/email/connector.js";
import { pause } from "../../sync/sleep.js";
import type { AppContext } from "../app-context.js";

export interface MailWatchers {
  /** Stops every watch (closes IDLE connections) and waits for them to end. */
  stop(): Promise<void>;
}

export interface MailWatcherOptions {
  log: (line: string) => void;
  /** Builds the instance's connector; the configured IMAP one by default (tests hand in a fake). */
  connect?: (id: string) => Promise<Pick<EmailConnector, "watch">>;
  /** First wait before a watch that dropped is started again; doubles up to maxRetryMs. */
  retryMs?: number;
  maxRetryMs?: number;
}

/**
 * Near-real-time mail: one IMAP IDLE watch per e-mail instance (polling where the server has no IDLE); new
 * mail enqueues a sync of that instance, which BullMQ deduplicates with the scheduled ones. A watch that drops
 * (server restart, network) is started again after a capped backoff, until the worker stops.
 */
export function startMailWatchers(
  ctx: AppContext,
  queues: { enqueueSync(instance: string, reason: string): Promise<unknown> },
  opts: MailWatcherOptions,
): MailWatchers {
  const abort = new AbortController();
  const connect =
    opts.connect ??
    (async (id: string) => {
      const config = ctx.config.connectors.find((c) => c.id === id);
      const {
        kind: _k,
        enabled: _e,
        syncEveryMinutes: _s,
        deletionGuard: _d,
        id: _i,
        ...options
      } = config ?? {};
      return createEmailConnector(id, emailConnectorConfigSchema({ resolvePath: (p) => p }).parse(options), {
        env: ctx.env,
        organisationTimeZone: ctx.config.organisation.timeZone,
      });
    });
  const ids = ctx.config.connectors.filter((c) => c.kind === "email" && c.enabled).map((c) => c.id);
  const loops = ids.map(async (id) => {
    let wait = opts.retryMs ?? 5_000;
    while (!abort.signal.aborted) {
      try {
        const connector = await connect(id);
        await connector.watch(
          () => {
            wait = opts.retryMs ?? 5_000;
            queues
              .enqueueSync(id, "new mail")
              .catch((e: unknown) => opts.log(`mail watch ${id}: enqueue failed: ${String(e)}`));
          },
          abort.signal,
          { onReady: (mode) => opts.log(`mail watch ${id}: ${mode}`) },
        );
      } catch (error) {
        if (abort.signal.aborted) break;
        opts.log(
          `mail watch ${id} dropped (${error instanceof Error ? error.message : String(error)}); again in ${wait} ms`,
        );
      }
      if (abort.signal.aborted) break;
      await pause(wait, abort.signal);
      wait = Math.min(wait * 2, opts.maxRetryMs ?? 60_000);
    }
  });
  return {
    async stop() {
      abort.abort();
      await Promise.all(loops);
    },
  };
}
