import { findConnector } from "../jobs/sync-work.js";
import type { SyncNowResponse } from "./api/schemas.js";
import type { WebAuth } from "./auth/web-auth.js";
import type { ResolvedWebDeps } from "./deps.js";
import { WebError } from "./errors.js";
import type { MappingEditor } from "./mapping/editor-service.js";

export interface WebServices {
  deps: ResolvedWebDeps;
  auth: WebAuth;
  editor: MappingEditor;
  syncNow(instance: string): Promise<SyncNowResponse>;
}

/**
 * "Sync now" from a page or the API: only configured, enabled instances, one run per instance at a time (a
 * double click must not start two syncs racing on one cursor).
 */
export function syncNowGuarded(deps: ResolvedWebDeps): (instance: string) => Promise<SyncNowResponse> {
  const running = new Set<string>();
  return async (instance) => {
    const config = findConnector(deps.ctx, instance);
    if (!config.enabled)
      throw new WebError("connector_disabled", 409, `connector "${instance}" is disabled in the config`);
    if (running.has(instance))
      throw new WebError("sync_running", 409, `a sync of ${instance} is already running`);
    running.add(instance);
    try {
      const result = await deps.syncNow(instance);
      if (result.kind === "queued") return { kind: "queued", instance, jobId: result.jobId };
      const r = result.report;
      return {
        kind: "done",
        instance,
        inserted: r.inserted,
        updated: r.updated,
        unchanged: r.unchanged,
        removed: r.removed,
        quarantined: r.quarantined,
        paused: r.paused,
      };
    } finally {
      running.delete(instance);
    }
  };
}
