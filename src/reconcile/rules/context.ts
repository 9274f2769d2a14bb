import type { Action, Conflict, Kpi } from "../../model/index.js";
import type { Adjacency } from "../adjacency.js";
import type { Edges } from "../edges.js";
import type { Nodes } from "../nodes.js";
import type { OwnerMatch } from "../owner-resolver.js";
import type { RefIssue } from "../ref-resolver.js";

/** What the conflict rules may read: the engine's state, never its mutators. */
export interface RuleContext {
  readonly nodes: Nodes;
  readonly edges: Edges;
  readonly adj: Adjacency;
  readonly today: number;
  /** The forecasting rule (ReconcileInput.forecastUnstarted). */
  readonly forecastUnstarted: boolean;
  readonly kpiByKey: ReadonlyMap<string, Kpi>;
  readonly admin: string | null;
  refIssuesOf(slot: number): readonly RefIssue[] | undefined;
  /** Live slots `slot` is mirrored with, in either direction. */
  mirrorPartners(slot: number): readonly number[];
  ownerMatch(slot: number): OwnerMatch;
  /** Resolved owner person id of the action in `slot`. */
  personOf(slot: number): string | null;
  kpiOwner(kpi: Kpi): string | null;
  action(slot: number): Action;
}

export interface ConflictSink {
  push(conflict: Conflict): void;
}
