import { hasNetworkCode } from "../../model/index.js";

/**
 * The operator's view of a Redis outage: one line when Redis stops answering and one when it is back, instead of
 * a stack trace per reconnect attempt from every queue, worker and connection (ioredis retries every ~2 s,
 * BullMQ prints an unhandled queue error with console.error). Errors that are not about the connection are
 * logged as they come.
 */
export interface RedisWatch {
  /** Follows a connection: its reconnect errors, and its `ready` after an outage. */
  watch(connection: ConnectionEvents): void;
  /** An error a queue, a worker or a connection reported; `source` names it in the log. */
  error(source: string, error: Error): void;
}

export interface ConnectionEvents {
  on(event: "error", listener: (error: Error) => void): unknown;
  on(event: "ready", listener: () => void): unknown;
}

export function isRedisConnectionError(error: Error): boolean {
  if (hasNetworkCode(error)) return true;
  // ioredis' own wording for commands on a connection that went away.
  return /Connection is closed|Stream isn't writeable|connect ECONNREFUSED|read ECONNRESET/.test(
    error.message,
  );
}

export function createRedisWatch(log: (line: string) => void, now: () => number = Date.now): RedisWatch {
  let downSince: number | null = null;
  let repeats = 0;
  const error = (source: string, e: Error): void => {
    if (!isRedisConnectionError(e)) {
      log(`${source}: ${e.message}`);
      return;
    }
    if (downSince !== null) {
      repeats++;
      return;
    }
    downSince = now();
    log(`Redis unreachable (${e.message}); waiting for it, owed work resumes when it is back`);
  };
  return {
    error,
    watch(connection) {
      connection.on("error", (e) => error("redis", e));
      connection.on("ready", () => {
        if (downSince === null) return;
        const seconds = Math.round((now() - downSince) / 1000);
        log(`Redis is back after ${seconds} s (${repeats} more connection errors while it was away)`);
        downSince = null;
        repeats = 0;
      });
    },
  };
}
