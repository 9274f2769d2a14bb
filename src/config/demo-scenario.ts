import { dirname, resolve } from "node:path";
import { z } from "zod";
import { CalendarDateSchema } from "../model/index.js";
import { parseSource, type ReadText, readSource, readUtf8 } from "./read-source.js";
import { ConnectorIdSchema } from "./schema.js";

const PathSchema = z.string().trim().min(1, "expected a path relative to the scenario file");

/**
 * What one configured connector instance sees at a step: a version of a canonical plan file (`file` kind), or
 * a folder of recorded API responses replayed through the real connector (`jira`, `sheets`).
 */
const DemoSourceSchema = z
  .strictObject({
    /** A connector instance of the config. */
    connector: ConnectorIdSchema,
    /** A canonical plan file, for a `file` instance. */
    plan: PathSchema.optional(),
    /** A folder of recorded responses, for an instance with a `recorded` option. */
    recorded: PathSchema.optional(),
  })
  .superRefine((s, check) => {
    if ((s.plan === undefined) === (s.recorded === undefined)) {
      check.addIssue({
        code: "custom",
        path: [],
        message: "give exactly one of plan (a plan file) or recorded (a folder of recorded responses)",
      });
    }
  });

/**
 * The demo's script (fixtures/demo/scenario.yaml): the fixed "today" reconcile runs on, and the steps to
 * replay on a fresh database, each at the instant it is supposed to have happened (history events carry it),
 * each saying what every connector instance sees then.
 */
export const DemoScenarioSchema = z.strictObject({
  /** The calendar date the demo reconciles on, whatever the real date is. */
  today: CalendarDateSchema,
  steps: z
    .array(
      z.strictObject({
        /** When this step is synced. */
        at: z.iso.datetime({ offset: true }),
        /** What happened, printed by the demo. */
        note: z.string().trim().min(1),
        sources: z
          .array(DemoSourceSchema)
          .min(1)
          .superRefine((list, check) => {
            list.forEach((s, i) => {
              if (list.findIndex((o) => o.connector === s.connector) !== i) {
                check.addIssue({
                  code: "custom",
                  path: [i, "connector"],
                  message: `connector ${s.connector} is listed twice in this step`,
                });
              }
            });
          }),
      }),
    )
    .min(1),
});

/** One connector's input at one step, its path absolute. */
export type DemoSource = { connector: string; plan: string } | { connector: string; recorded: string };

export interface DemoStep {
  at: string;
  note: string;
  sources: DemoSource[];
}

export interface DemoScenario {
  /** The scenario file, absolute. */
  file: string;
  today: string;
  steps: DemoStep[];
}

/** Loads the scenario with every `plan` and `recorded` resolved against the scenario file's folder. */
export function loadDemoScenario(file: string, read: ReadText = readUtf8): DemoScenario {
  const absolute = resolve(file);
  const scenario = parseSource(readSource(absolute, read), DemoScenarioSchema);
  const dir = dirname(absolute);
  const source = (s: z.output<typeof DemoSourceSchema>): DemoSource => {
    if (s.plan !== undefined) return { connector: s.connector, plan: resolve(dir, s.plan) };
    if (s.recorded !== undefined) return { connector: s.connector, recorded: resolve(dir, s.recorded) };
    throw new TypeError(`${absolute}: source ${s.connector} passed validation without plan or recorded`);
  };
  return {
    file: absolute,
    today: scenario.today,
    steps: scenario.steps.map((s) => ({ at: s.at, note: s.note, sources: s.sources.map(source) })),
  };
}

/** Every instance the scenario feeds, in the order they first appear. */
export function scenarioConnectors(scenario: Pick<DemoScenario, "steps">): string[] {
  return [...new Set(scenario.steps.flatMap((s) => s.sources.map((src) => src.connector)))];
}
