import { FileConnector } from "../../../connectors/file/index.js";
import type { DemoScenario } from "../../config/index.js";
import type { AppContext } from "../../jobs/app-context.js";
import { runSync, type SyncReport } from "../../sync/index.js";

export interface ReplayedStep {
  at: string;
  note: string;
  report: SyncReport;
}

/**
 * Plays the scenario's versions of the plan into the store, each at the instant it happened, so history shows
 * when the slip was made. Only on a database that has never synced the demo connector: replaying on an
 * existing one would move dates back and forth and invent slips.
 */
export async function replayScenario(
  ctx: AppContext,
  scenario: DemoScenario,
): Promise<ReplayedStep[] | null> {
  if (ctx.store.readCursor(scenario.connector) !== null) return null;
  const steps: ReplayedStep[] = [];
  for (const step of scenario.steps) {
    const connector = new FileConnector({ instance: scenario.connector, path: step.plan });
    const report = await runSync(connector, ctx.store, { now: () => new Date(step.at).toISOString() });
    steps.push({ at: step.at, note: step.note, report });
  }
  return steps;
}
