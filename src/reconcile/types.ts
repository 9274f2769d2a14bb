import type {
  Action,
  CalendarDate,
  Conflict,
  ConflictDiff,
  DependencyType,
  Directory,
  Kpi,
} from "../model/index.js";

/** "Not a dependency": an edge an owner rejected; it is dropped before anything is checked. */
export interface DependencyOverride {
  dependentId: string;
  dependencyId: string;
}

export interface ReconcileInput {
  actions: readonly Action[];
  directory: Directory;
  kpis: readonly Kpi[];
  /** The organisation's today, `YYYY-MM-DD`. */
  today: string;
  /** Person id notified when a conflict has nobody else to tell (an ownerless action, say). */
  adminFallback?: string | null;
  overrides?: readonly DependencyOverride[];
  /**
   * Forecast from reality (default true): a not-started (todo) action whose planned start is before today is
   * forecast to start today, keeping its duration. Off: it is assumed able to start as planned until its due
   * date passes.
   */
  forecastUnstarted?: boolean;
}

/** How an owner text was matched: e-mail, person id, display name, alias, Slack mention or Jira accountId. */
export type OwnerVia = "email" | "id" | "name" | "alias" | "slack" | "jira";
export type VacuumReason = "empty" | "team" | "unresolved";

export interface OwnerResolution {
  personId: string | null;
  via: OwnerVia | null;
  /** What the tool said (`ownerRaw`). */
  raw: string | null;
  /** Set when personId is null: no owner text, a team/department name, or text that matches no one person. */
  vacuumReason?: VacuumReason;
  /** The team named, when vacuumReason is `team`. */
  team?: string;
  /** Person ids the text matched when it matched several (a shared display name). */
  candidates?: string[];
}

export interface ResolvedEdge {
  dependentId: string;
  dependencyId: string;
  type: DependencyType;
  lagDays: number;
  /** What the tool said, as written in the dependent's `dependsOn`. */
  ref: string;
}

export interface Forecast {
  /** Earliest start the dependencies allow (FS/SS), null when nothing constrains it. */
  earliestStart: CalendarDate | null;
  /** Earliest finish the dependencies allow: the pushed start plus the action's duration, or an FF bound. */
  earliestFinish: CalendarDate | null;
  /** The start it will really have: planned start pushed by its dependencies. */
  forecastStart: CalendarDate | null;
  /**
   * Later of due, today when overdue, and the earliest finish. Null for closed and cyclic actions, and
   * for undated ones nothing upstream constrains.
   */
  forecastFinish: CalendarDate | null;
}

export interface RollupRow {
  key: string;
  valueAtRisk: number;
  conflicts: number;
  daysShort: number;
}

export interface Rollups {
  kpi: RollupRow[];
  objective: RollupRow[];
  team: RollupRow[];
  businessUnit: RollupRow[];
  total: Omit<RollupRow, "key">;
}

export interface ReconcileStats {
  actions: number;
  edges: number;
  /** Indexing actions, resolving owners and refs, building the CSR graph. */
  buildMs: number;
  /** Cycle detection, topological order and schedule propagation. */
  propagateMs: number;
  /** Conflict rules, messages, sorting and roll-ups. */
  conflictsMs: number;
}

/**
 * `owners`, `forecast` and `edges` are views over the reconciler's flat arrays, built on demand: a million
 * owner and forecast objects would cost more than the reconcile itself. A result of `IncrementalReconciler`
 * stays valid until the next `apply()`; reading its views after that throws `stale_result`.
 */
export interface ReconcileResult {
  /** Ordered by severity (critical first), value at risk (largest first), then fingerprint. */
  conflicts: Conflict[];
  owners: ReadonlyMap<string, OwnerResolution>;
  /** Ordered by dependent id, then position in its `dependsOn`. */
  edges: ResolvedEdge[];
  forecast: ReadonlyMap<string, Forecast>;
  rollups: Rollups;
  stats: ReconcileStats;
}

export interface ActionChange {
  /** New or changed actions (an action with `removedAt` set counts as removed). */
  upserted?: readonly Action[];
  removedIds?: readonly string[];
  today?: string;
}

export type { ConflictDiff };
