import { type AlertSink, createConsoleSink } from "../../alerts/index.js";
import type { AppContext } from "../app-context.js";

export interface SinkEnv {
  env: Readonly<Record<string, string | undefined>>;
  /** Where the console sink prints. */
  write: (text: string) => void;
}

/**
 * The sinks alert jobs deliver through, most specific first: deliverBatch takes the first that accepts a
 * target. The Slack and e-mail sinks plug in here (built from `ctx.config` and `io.env`) ahead of the console
 * sink, which accepts everything so no planned alert is ever left without a sink.
 */
export function sinksFor(_ctx: AppContext, io: SinkEnv): AlertSink[] {
  return [createConsoleSink(io.write)];
}
