import { CONNECTORS } from "../../../connectors/registry.js";
import {
  type ConnectorConfig,
  type DemoScenario,
  type DemoSource,
  scenarioConnectors,
} from "../../config/index.js";
import type { AppContext } from "../../jobs/app-context.js";
import { createConnector, manifestOf } from "../../jobs/connector-factory.js";
import { findConnector, syncConnector } from "../../jobs/sync-work.js";
import { SightlineError } from "../../model/index.js";
import { measureSync } from "../../ops/metrics.js";
import { runSync, type SyncReport } from "../../sync/index.js";

export interface ReplayedStep {
  at: string;
  note: string;
  /** One per source of the step, in the scenario's order. */
  reports: SyncReport[];
}

/** What the demo did to get the tools into the store: replayed the story, or synced the configured state. */
export type DemoIngest =
  | { kind: "replayed"; steps: ReplayedStep[] }
  | { kind: "synced"; reports: SyncReport[] };

export class DemoScenarioError extends SightlineError {
  constructor(message: string) {
    super("demo_scenario_invalid", message);
  }
}

/** The configured instance with its input swapped for the step's: a plan file, or a recorded folder. */
export function configForStep(
  base: ConnectorConfig,
  source: DemoSource,
  scenarioFile: string,
): ConnectorConfig {
  const where = `${scenarioFile}: connector ${source.connector}`;
  const replay = manifestOf(base).replay;
  const given = "plan" in source ? "plan" : "recorded";
  if (!replay) {
    const able = CONNECTORS.filter((m) => m.replay).map((m) => m.kind);
    throw new DemoScenarioError(
      `${where} is a ${base.kind} instance, which cannot replay recordings (only ${able.join(", ")})`,
    );
  }
  if (replay.from !== given) {
    throw new DemoScenarioError(
      `${where} is a ${base.kind} instance: give it ${replay.from}: <${replay.from === "plan" ? "file" : "folder"}>, not ${given}:`,
    );
  }
  return { ...base, [replay.option]: "plan" in source ? source.plan : source.recorded };
}

/**
 * On a database that has never synced any of the scenario's instances, plays every step into the store at
 * the instant it happened (connector clocks included), so history shows when the slip was made. On any other
 * database, replaying would move dates back and forth and invent slips: it syncs the instances as configured
 * instead, which is the scenario's last state.
 */
export async function ingestScenario(ctx: AppContext, scenario: DemoScenario): Promise<DemoIngest> {
  const ids = scenarioConnectors(scenario);
  // Every instance must be configured before anything is written.
  for (const id of ids) findConnector(ctx, id);
  const cursors = [];
  for (const id of ids) cursors.push(await ctx.store.sync.readCursor(id));
  if (cursors.some((c) => c !== null)) {
    const reports: SyncReport[] = [];
    for (const id of ids) reports.push(await syncConnector(ctx, id));
    return { kind: "synced", reports };
  }
  const steps: ReplayedStep[] = [];
  for (const step of scenario.steps) {
    const at = new Date(step.at);
    const reports: SyncReport[] = [];
    for (const source of step.sources) {
      const config = configForStep(findConnector(ctx, source.connector), source, scenario.file);
      const connector = await createConnector(config, ctx.config, ctx.env, {
        fullScan: false,
        now: () => at,
      });
      reports.push(
        await measureSync(config.id, () =>
          runSync(connector, ctx.store.sync, {
            now: () => at.toISOString(),
            guard: { ...(config.deletionGuard ?? {}), allowMassDeletion: false },
          }),
        ),
      );
    }
    steps.push({ at: step.at, note: step.note, reports });
  }
  return { kind: "replayed", steps };
}
