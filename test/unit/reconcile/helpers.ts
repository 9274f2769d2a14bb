import type { z } from "zod";
import {
  type Action,
  ActionSchema,
  type Conflict,
  type ConflictType,
  type Directory,
  DirectorySchema,
  type Kpi,
  type KpiInput,
  KpiSchema,
} from "../../../src/model/index.js";

import { type ReconcileInput, type ReconcileResult, reconcile } from "../../../src/reconcile/index.js";

type DirectoryInput = z.input<typeof DirectorySchema>;

type DepInput = string | { ref: string; type?: "FS" | "SS" | "FF"; lagDays?: number };

export interface ActionSpec {
  title?: string;
  status?: Action["status"];
  ownerRaw?: string | null;
  team?: string | null;
  businessUnit?: string | null;
  start?: string | null;
  due?: string | null;
  baselineDue?: string | null;
  kpis?: string[];
  dependsOn?: DepInput[];
  mirrors?: string[];
  url?: string | null;
  removedAt?: string | null;
  kind?: string;
}

/** A canonical action validated by the model schema; `id` is `instance:KEY`. */
export function act(id: string, spec: ActionSpec = {}): Action {
  const [instance, nativeKey] = id.split(":") as [string, string];
  return ActionSchema.parse({
    id,
    source: { kind: spec.kind ?? "file", instance },
    nativeKey,
    url: spec.url ?? null,
    title: spec.title ?? `Action ${nativeKey}`,
    status: spec.status ?? "todo",
    ownerRaw: spec.ownerRaw === undefined ? "ana@example.com" : spec.ownerRaw,
    team: spec.team ?? "Engineering",
    businessUnit: spec.businessUnit ?? null,
    program: null,
    start: spec.start ?? null,
    due: spec.due ?? null,
    kpis: spec.kpis ?? ["conv"],
    dependsOn: (spec.dependsOn ?? []).map((d) =>
      typeof d === "string" ? { ref: d, type: "FS", lagDays: 0 } : { type: "FS", lagDays: 0, ...d },
    ),
    mirrors: spec.mirrors ?? [],
    sourceUpdatedAt: null,
    owner: null,
    baselineDue: spec.baselineDue ?? spec.due ?? null,
    syncedAt: "2026-01-12T09:00:00Z",
    contentHash: "h",
    removedAt: spec.removedAt ?? null,
  });
}

export function directory(input?: DirectoryInput): Directory {
  return DirectorySchema.parse(
    input ?? {
      people: [
        { id: "ana", name: "Ana Lima", emails: ["ana@example.com"], aliases: ["Ana"], slackUserId: "U001" },
        { id: "bo", name: "Bo Chen", emails: ["bo@example.com"], jiraAccountId: "5b10ac8d82e05b22cc7d4ef5" },
        { id: "cy", name: "Cy Park", emails: ["cy@example.com"], aliases: ["cyp"], slackUserId: "U003" },
        { id: "dee", name: "Dee Roy", emails: ["dee@example.com"] },
      ],
      teams: [
        { name: "Marketing", aliases: ["mkt"], businessUnit: "Growth", email: "marketing@example.com" },
        { name: "Engineering", aliases: [], businessUnit: "Platform" },
      ],
    },
  );
}

export function kpis(list?: KpiInput[]): Kpi[] {
  return (
    list ?? [
      {
        key: "conv",
        name: "Launch conversions",
        objective: "Launch the card",
        owner: "dee",
        costOfDelayPerDay: 5000,
      },
      {
        key: "nps",
        name: "NPS",
        objective: "Happy customers",
        owner: "cy@example.com",
        costOfDelayPerDay: 100,
      },
    ]
  ).map((k) => KpiSchema.parse(k));
}

export const TODAY = "2026-01-12";

export function run(
  actions: Action[],
  extra: Partial<Omit<ReconcileInput, "actions">> = {},
): ReconcileResult {
  return reconcile({ actions, directory: directory(), kpis: kpis(), today: TODAY, ...extra });
}

export function ofType<T extends ConflictType>(
  result: ReconcileResult,
  type: T,
): Extract<Conflict, { type: T }>[] {
  return result.conflicts.filter((c): c is Extract<Conflict, { type: T }> => c.type === type);
}

export function scheduleOf(
  result: ReconcileResult,
  actionId: string,
): Extract<Conflict, { type: "schedule" }> | undefined {
  return ofType(result, "schedule").find((c) => c.actionId === actionId);
}
