import { resolveColumns } from "../../../mappings/engine/headers.js";
import { RowMapper } from "../../../mappings/engine/row-mapper.js";
import { SheetsMappingSchema } from "../../../mappings/schema.js";
import { ActionRecordSchema } from "../../../src/model/index.js";
const HEADER = ["Key", "Task", "Owner", "Status", "Start", "Due", "Depends on", "KPI", "Notes"];
const M = SheetsMappingSchema.parse({ kind: "sheets", spreadsheetId: "1BenchSheetId0123456789", key: { column: "Key" }, fields: { title: { column: "Task" }, owner: { column: "Owner", transform: "person" }, status: { column: "Status", transform: { type: "enum", values: { WIP: "in_progress", Done: "done" } } }, start: { column: "Start", transform: "date" }, due: { column: "Due", transform: "date" }, dependsOn: { column: "Depends on", transform: "list" }, kpis: { column: "KPI", transform: "list" } }, constants: { team: "Marketing" } });
const rows: (string|number)[][] = [];
for (let i = 1; i <= 100000; i++) rows.push([`MKT-${i}`, `Campaign task ${i}`, `Owner ${i%250}`, i%2 ? "WIP" : "Done", 46000 + i%300, 46010 + i%300, `MKT-${i-1}`, `kpi-${i%40}`, "n"]);
for (let rep = 0; rep < 3; rep++) {
  const mapper = new RowMapper({ mapping: M, columns: resolveColumns(HEADER, M, "b"), locale: "en_GB", location: (n) => `b row ${n}`, defaultUrl: null });
  let t0 = performance.now();
  const items = rows.map((r, i) => mapper.mapRow(r, i + 2));
  const t1 = performance.now();
  let ok = 0; for (const it of items) if (it?.kind === "record" && ActionRecordSchema.safeParse(it.record).success) ok++;
  const t2 = performance.now();
  console.log("map", (t1 - t0).toFixed(0), "zod", (t2 - t1).toFixed(0), ok);
}
