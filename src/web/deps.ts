import { join, resolve } from "node:path";
import {
  type SheetsConnectorConfig,
  type SheetsTransport,
  sheetsMappingEditor,
} from "../../connectors/registry.js";
import { type ConfigContext, connectorOptions } from "../config/index.js";
import type { AppContext } from "../jobs/app-context.js";
import { type DecisionWork, inProcessWork } from "../jobs/decision-work.js";
import { reconcileStore } from "../jobs/reconcile-work.js";
import { findConnector, syncConnector } from "../jobs/sync-work.js";
import type { SyncReport } from "../sync/index.js";
import { WebError } from "./errors.js";

/** Which spreadsheet the mapping editor reads: a configured sheets instance, or any spreadsheet by id. */
export type SheetSource = { instance: string } | { spreadsheetId: string };

/** What "Sync now" did: ran here (with its report), or handed the job to a queue. */
export type SyncNowResult = { kind: "done"; report: SyncReport } | { kind: "queued"; jobId: string | null };

export interface WebAppDeps {
  ctx: AppContext;
  /** SIGHTLINE_ADMIN_TOKEN: the bearer token of the API and the password of the sign-in form. */
  adminToken: string;
  /** What a decision on a conflict page sets off (write-back, reconcile); the server passes its own. */
  work?: DecisionWork;
  /** Default: sync the instance here, then reconcile (no alerts; the server wires its own pipeline). */
  syncNow?: (instance: string) => Promise<SyncNowResult>;
  /** Default: the instance's recorded folder or live Google with its configured credentials. */
  sheetsTransportFor?: (source: SheetSource) => Promise<SheetsTransport>;
  /** Where the mapping editor may write; default `<config dir>/mappings`. */
  mappingsDir?: string;
  now?: () => Date;
  /** Operational lines (failures); never given a secret. Default: stderr. */
  log?: (line: string) => void;
  /** Mark cookies Secure: set when the server sits behind HTTPS. Off by default (plain-HTTP loopback). */
  secureCookies?: boolean;
  sessionHours?: number;
}

export type ResolvedWebDeps = Required<WebAppDeps>;

export function defaultSyncNow(ctx: AppContext): (instance: string) => Promise<SyncNowResult> {
  return async (instance) => {
    const report = await syncConnector(ctx, instance);
    await reconcileStore(ctx);
    return { kind: "done", report };
  };
}

/** The options of a configured `kind: sheets` instance, parsed again to get their type back. */
export function sheetsInstanceConfig(ctx: AppContext, instance: string): SheetsConnectorConfig {
  const config = findConnector(ctx, instance);
  if (config.kind !== "sheets") {
    throw new WebError(
      "not_a_sheet",
      400,
      `connector "${instance}" is a ${config.kind} instance, not sheets`,
    );
  }
  const configCtx: ConfigContext = {
    configDir: ctx.config.dir,
    env: ctx.env,
    resolvePath: (p) => resolve(ctx.config.dir, p),
  };
  return sheetsMappingEditor.configSchema(configCtx).parse(connectorOptions(config));
}

export function defaultSheetsTransportFor(
  ctx: AppContext,
): (source: SheetSource) => Promise<SheetsTransport> {
  return async (source) => {
    if ("instance" in source) {
      return sheetsMappingEditor.transportOf(sheetsInstanceConfig(ctx, source.instance), ctx.env);
    }
    return sheetsMappingEditor.transportFromEnv(ctx.env);
  };
}

export function resolveDeps(deps: WebAppDeps): ResolvedWebDeps {
  const log = deps.log ?? ((line) => process.stderr.write(`${line}\n`));
  return {
    ctx: deps.ctx,
    // Alone (no server around it), the web app writes back and reconciles here, with no alert sinks.
    work: deps.work ?? inProcessWork(deps.ctx, null, log),
    adminToken: deps.adminToken,
    syncNow: deps.syncNow ?? defaultSyncNow(deps.ctx),
    sheetsTransportFor: deps.sheetsTransportFor ?? defaultSheetsTransportFor(deps.ctx),
    mappingsDir: resolve(deps.mappingsDir ?? join(deps.ctx.config.dir, "mappings")),
    now: deps.now ?? (() => new Date()),
    log,
    secureCookies: deps.secureCookies ?? false,
    sessionHours: deps.sessionHours ?? 12,
  };
}
