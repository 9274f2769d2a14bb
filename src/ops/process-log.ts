import pino from "pino";
import { SightlineError } from "../model/errors.js";

type Env = Readonly<Record<string, string | undefined>>;
export type LogFormat = "json" | "text";
export type LogFields = Readonly<Record<string, unknown>>;

/** The log of a long-running process (`serve`, `worker`): one event per call, JSON or a line for people. */
export interface ProcessLog {
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

/**
 * SIGHTLINE_LOG_FORMAT (json | text); otherwise text on a terminal, JSON anywhere else (a container, a file,
 * a log shipper), which is where the lines are read by a machine.
 */
export function logFormatFrom(env: Env, isTty: boolean): LogFormat {
  const raw = env.SIGHTLINE_LOG_FORMAT?.trim().toLowerCase();
  if (!raw) return isTty ? "text" : "json";
  if (raw === "json" || raw === "text") return raw;
  throw new SightlineError(
    "log_format_invalid",
    `SIGHTLINE_LOG_FORMAT: expected json or text, got "${env.SIGHTLINE_LOG_FORMAT}"`,
  );
}

const RESERVED = new Set(["level", "time", "pid", "hostname", "name", "msg"]);

/** `sightline serve: listening on … (url=…)`: the message, then the fields a person needs, key=value. */
function textLine(event: Record<string, unknown>): string {
  const name = typeof event.name === "string" ? event.name : "sightline";
  const extra = Object.entries(event)
    .filter(([k, v]) => !RESERVED.has(k) && v !== undefined)
    .map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`);
  // Warnings read as what they say (an outage, a failed job); only errors are marked as such.
  const level = event.level === "error" || event.level === "fatal" ? "error: " : "";
  return `sightline ${name}: ${level}${String(event.msg ?? "")}${extra.length ? ` (${extra.join(", ")})` : ""}\n`;
}

/**
 * A pino logger writing to `write` (stderr in the CLI): JSON lines with an ISO time and the level's name, or,
 * in text format, the same events rendered as one readable line each (pino's own JSON, parsed back).
 * https://getpino.io/#/docs/api?id=destination
 */
export function createProcessLog(name: string, format: LogFormat, write: (text: string) => void): ProcessLog {
  const destination = {
    write(json: string) {
      write(format === "json" ? json : textLine(JSON.parse(json) as Record<string, unknown>));
    },
  };
  // https://getpino.io/#/docs/api?id=options
  const logger = pino(
    {
      name,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
  return {
    info: (msg, fields) => logger.info(fields ?? {}, msg),
    warn: (msg, fields) => logger.warn(fields ?? {}, msg),
    error: (msg, fields) => logger.error(fields ?? {}, msg),
  };
}
