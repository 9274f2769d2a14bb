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
  /** ioredis: emitted before each reconnection attempt, with the delay until it (the retry strategy's). */
  on(event: "reconnecting", listener: (delayMs: number) => void): unknown;
}

export function isRedisConnectionError(error: Error): boolean {
  if (hasNetworkCode(error)) return true;
  // ioredis' own wording for commands on a connection that went away.
  return /Connection is closed|Stream isn't writeable|connect ECONNREFUSED|read ECONNRESET/.test(
    error.message,
  );
}

export interface RedisWatchOptions {
  /** Where Redis is, without a password (redactUrl), named in the outage line. */
  address?: string;
  now?: () => number;
}

/** A clock time for the operator, in UTC like the JSON logs' timestamps. */
function clock(ms: number): string {
  return `${new Date(ms).toISOString().slice(11, 19)} UTC`;
}

export type WatchLog = (line: string, level: "info" | "warn" | "error") => void;

export function createRedisWatch(log: WatchLog, opts: RedisWatchOptions = {}): RedisWatch {
  const now = opts.now ?? Date.now;
  const at = opts.address ? ` at ${opts.address}` : "";
  let downSince: number | null = null;
  let reason = "";
  let announced = false;
  let repeats = 0;
  const announce = (next: string) => {
    announced = true;
    log(`Redis${at} unreachable (${reason}); ${next}; owed work resumes when it is back`, "warn");
  };
  const error = (source: string, e: Error): void => {
    if (!isRedisConnectionError(e)) {
      log(`${source}: ${e.message}`, "error");
      return;
    }
    if (downSince !== null) {
      repeats++;
      // No reconnect delay came from a watched connection (a queue noticed first): say it without one.
      if (!announced && now() - downSince >= 2_000) announce("retrying with backoff");
      return;
    }
    downSince = now();
    reason = e.message;
    announced = false;
  };
  return {
    error,
    watch(connection) {
      connection.on("error", (e) => error("redis", e));
      connection.on("reconnecting", (delayMs) => {
        if (downSince !== null && !announced)
          announce(
            `next retry at ${clock(now() + delayMs)} (in ${Math.round(delayMs)} ms, backing off to 10 s)`,
          );
      });
      connection.on("ready", () => {
        if (downSince === null) return;
        const seconds = Math.round((now() - downSince) / 1000);
        log(`Redis is back after ${seconds} s (${repeats} more connection errors while it was away)`, "info");
        downSince = null;
        repeats = 0;
        announced = false;
      });
    },
  };
}
