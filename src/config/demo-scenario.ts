import { dirname, resolve } from "node:path";
import { z } from "zod";
import { CalendarDateSchema } from "../model/index.js";
import { parseSource, type ReadText, readSource, readUtf8 } from "./read-source.js";
import { ConnectorIdSchema } from "./schema.js";

/**
 * The demo's script (fixtures/demo/scenario.yaml): the fixed "today" reconcile runs on, and the versions of
 * the plan to sync one after the other, each at the instant it is supposed to have happened, so the history
 * shows when the slip was made.
 */
export const DemoScenarioSchema = z.strictObject({
  /** The calendar date the demo reconciles on, whatever the real date is. */
  today: CalendarDateSchema,
  /** The file connector instance (from the config) the steps feed. */
  connector: ConnectorIdSchema,
  steps: z
    .array(
      z.strictObject({
        /** When this version of the plan is synced (history events carry it). */
        at: z.iso.datetime({ offset: true }),
        /** What happened, printed by the demo. */
        note: z.string().trim().min(1),
        /** The plan file of this step, relative to the scenario file. */
        plan: z.string().trim().min(1),
      }),
    )
    .min(1),
});
export type DemoScenario = z.output<typeof DemoScenarioSchema>;

/** Loads the scenario with each step's `plan` resolved to an absolute path. */
export function loadDemoScenario(file: string, read: ReadText = readUtf8): DemoScenario {
  const absolute = resolve(file);
  const scenario = parseSource(readSource(absolute, read), DemoScenarioSchema);
  const dir = dirname(absolute);
  return { ...scenario, steps: scenario.steps.map((s) => ({ ...s, plan: resolve(dir, s.plan) })) };
}
