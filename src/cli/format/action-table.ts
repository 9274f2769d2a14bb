import type { ActionRecord, DependencyRef } from "../../model/index.js";
import { table } from "./table.js";

/** `PAY-142`, or `PAY-142 (SS +2)` when the dependency is not plain finish-to-start. */
export function refText(d: DependencyRef): string {
  const lag = d.lagDays === 0 ? "" : ` ${d.lagDays > 0 ? "+" : ""}${d.lagDays}`;
  return d.type === "FS" && lag === "" ? d.ref : `${d.ref} (${d.type}${lag})`;
}

/** Records as a preview prints them (nothing written yet): one row per action, its planning fields. */
export function actionTable(actions: readonly ActionRecord[]): string {
  const rows = actions.map((a) => [
    a.nativeKey,
    a.title,
    a.status,
    a.ownerRaw ?? "",
    a.start ?? "",
    a.due ?? "",
    a.dependsOn.map(refText).join(", "),
    a.kpis.join(", "),
  ]);
  return table(["key", "title", "status", "owner", "start", "due", "depends on", "kpis"], rows);
}
