import type { z } from "zod";
import type { ActionRecord } from "../model/index.js";
import type { Connector } from "./contract.js";

export type Env = Readonly<Record<string, string | undefined>>;

/** What a kind's or section's schema may use: resolve relative paths, check that secrets' variables exist. */
export interface ConfigContext {
  /** Folder of the config file; relative paths are resolved against it. */
  configDir: string;
  resolvePath(path: string): string;
  env: Env;
}

/** Everything a connector may be given besides its options; each kind takes what it needs. */
export interface ConnectorDeps {
  env: Env;
  /** The zone dates written without one are read in ("Due: 14 Mar" in an e-mail). */
  organisationTimeZone: string;
  /** Re-read everything the source holds (Jira: a full scan that also detects deleted issues). */
  fullScan: boolean;
  /** The connector's clock; the demo replays each step at the instant it happened. */
  now?: () => Date;
  /** The stored record of one of the instance's actions, for connectors whose store is Sightline's (slack). */
  current?: (nativeKey: string) => Promise<ActionRecord | null>;
}

/** A webhook delivery as the server hands it over: the raw bytes (signatures are over them) and the headers. */
export interface WebhookRequest {
  body: Buffer;
  /** A header's value (names are case-insensitive); the first one when it was sent twice. */
  header(name: string): string | undefined;
}

export interface WebhookReply {
  status: number;
  body: Record<string, unknown>;
  /** Why a 5xx was answered; the server logs it (the sender only reads "retry later"). */
  cause?: unknown;
}

/**
 * What a connector decides about one delivery. `apply` is a one-page connector the server runs through the sync
 * engine (validation, quarantine, history); `settle(true)` after it committed, `settle(false)` when it failed,
 * so the tool's retry of the same delivery is processed instead of deduplicated.
 */
export type WebhookVerdict = { reply: WebhookReply } | { apply: Connector; settle(applied: boolean): void };

export interface WebhookEndpoint {
  receive(request: WebhookRequest): Promise<WebhookVerdict>;
}

export interface WebhookDeps {
  env: Env;
  readCursor(): Promise<unknown | null>;
  /** `sourceUpdatedAt` of the stored action with this native key, to drop out-of-order deliveries. */
  storedUpdatedAt(nativeKey: string): Promise<string | null>;
}

/** A kind that accepts webhooks, at `POST /webhooks/<kind>/<instance>`. */
export interface WebhookSupport<O, C extends Connector> {
  /** The instance's endpoint, or why it has none (no secret configured: unverifiable deliveries are refused). */
  open(connector: C, options: O, deps: WebhookDeps): Promise<WebhookEndpoint | { unavailable: string }>;
}

/**
 * One connector kind, everything the rest of Sightline needs to know about it. `connectors/registry.ts` lists
 * them; config validation, the job layer, alert wording, the demo and the server read it from there.
 */
export interface ConnectorManifest<O = unknown, C extends Connector = Connector> {
  readonly kind: string;
  /** How people call the tool: "Google Sheets" (alerts say "Google Sheets (mkt-plan)"). */
  readonly label: string;
  /** The instance's options (the keys besides id, kind, enabled, syncEveryMinutes, deletionGuard). */
  configSchema(ctx: ConfigContext): z.ZodType<O>;
  create(id: string, options: O, deps: ConnectorDeps): Promise<C>;
  /** Replays recorded input in the demo: the scenario's `plan:` or `recorded:` goes into `option`. */
  readonly replay?: { from: "plan" | "recorded"; option: string };
  readonly webhook?: WebhookSupport<O, C>;
}

/** Checks a manifest's types in one place, keeping its own option and connector types. */
export function defineConnector<O, C extends Connector>(manifest: ConnectorManifest<O, C>) {
  return manifest;
}
