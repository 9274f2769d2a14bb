import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createRecordedTransport, loadRecordedSheet } from "../../../connectors/sheets/recorded-transport.js";
import { validateMappingFile } from "../../../src/mapping/index.js";
import {
  ActionDetailSchema,
  EditorSheetSchema,
  ErrorBodySchema,
  MappingInvalidSchema,
  MappingPreviewResponseSchema,
  MappingSaveResponseSchema,
  SourceStatusSchema,
  SyncNowResponseSchema,
} from "../../../src/web/api/schemas.js";
import {
  bearer,
  body,
  call,
  type DemoWeb,
  type DemoWorkspace,
  demoWorkspace,
  REPO,
  startDemoWeb,
} from "./web-harness.js";

let ws: DemoWorkspace;
let web: DemoWeb;
const recorded = join(REPO, "fixtures/sheets/demo-marketing-plan");

beforeAll(async () => {
  ws = await demoWorkspace();
  // Any spreadsheet id opens the recorded demo sheet: no Google, no network.
  web = await startDemoWeb(ws, {
    sheetsTransportFor: async () => createRecordedTransport(await loadRecordedSheet(recorded)),
  });
}, 60_000);

afterAll(async () => {
  await web?.close();
  ws?.remove();
});

const SOURCE = { instance: "mkt-plan" };

type Proposal = z.output<typeof EditorSheetSchema>["proposal"];

async function sheet() {
  const res = await call(`${web.url}/api/mappings/sheet?instance=mkt-plan`, { headers: bearer });
  expect(res.status).toBe(200);
  return body(res, EditorSheetSchema);
}

async function sources() {
  return body(await call(`${web.url}/api/sources`, { headers: bearer }), z.array(SourceStatusSchema));
}

function post(path: string, body: unknown) {
  return call(`${web.url}${path}`, {
    method: "POST",
    headers: { ...bearer, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
}

type StatusTransform = NonNullable<Proposal["fields"]["status"]>["transform"];

function withStatus(p: Proposal, transform: StatusTransform): Proposal {
  return { ...p, fields: { ...p.fields, status: { column: "Status", transform } } };
}

async function mkt7Status(): Promise<string> {
  const res = await call(`${web.url}/api/actions/${encodeURIComponent("mkt-plan:MKT-7")}`, {
    headers: bearer,
  });
  return (await body(res, ActionDetailSchema)).action.status;
}

describe("mapping editor API", () => {
  it("reads the header and proposes the suggestion, keeping the current file's constants", async () => {
    const s = await sheet();
    expect(s.header).toEqual([
      "Key",
      "Task",
      "Owner",
      "Status",
      "Start",
      "Due",
      "Depends on",
      "KPI",
      "Notes",
    ]);
    expect(s.proposal.key.column).toBe("Key");
    expect(s.proposal.fields.due).toEqual({ column: "Due", transform: "date" });
    expect(s.proposal.constants).toMatchObject({ team: "Marketing" });
    expect(s.current?.file).toBe(join("mappings", "demo-marketing-plan.yaml"));
  });

  it("previews every row error of a wrong transform without writing anything", async () => {
    const before = readFileSync(ws.mappingFile, "utf8");
    const { proposal } = await sheet();
    const res = await post("/api/mappings/preview", {
      source: SOURCE,
      mapping: withStatus(proposal, "lower"),
    });
    expect(res.status).toBe(200);
    const p = await body(res, MappingPreviewResponseSchema);
    expect(p.dataRows).toBe(4);
    expect(p.validRows).toBe(1);
    expect(p.rowErrors.map((e) => e.nativeKey)).toEqual(["MKT-7", "MKT-8", "MKT-9"]);
    expect(p.rowErrors[0]?.location).toMatch(/row 3$/);
    expect(p.rowErrors[0]?.reason).toMatch(/wip/i);
    expect(readFileSync(ws.mappingFile, "utf8")).toBe(before);
  });

  it("answers 422 naming the header a mapping needs and the sheet lacks", async () => {
    const { proposal } = await sheet();
    const res = await post("/api/mappings/preview", {
      source: SOURCE,
      mapping: { ...proposal, fields: { ...proposal.fields, title: { column: "Headline" } } },
    });
    expect(res.status).toBe(422);
    expect((await body(res, ErrorBodySchema)).message).toMatch(/Headline/);
  });

  it("refuses to save a mapping the schema rejects, saying where", async () => {
    const before = readFileSync(ws.mappingFile, "utf8");
    const { proposal } = await sheet();
    const { key: _key, ...noKey } = proposal;
    const res = await post("/api/mappings/save", { source: SOURCE, mapping: noKey });
    expect(res.status).toBe(422);
    const invalid = await body(res, MappingInvalidSchema);
    expect(invalid.issues.map((i) => i.path)).toContain("key");
    expect(readFileSync(ws.mappingFile, "utf8")).toBe(before);
  });

  it("saves into the instance's mapping file, and the next sync reads it (row errors quarantined, then fixed)", async () => {
    const { proposal } = await sheet();
    expect(await mkt7Status()).toBe("in_progress");

    const bad = await post("/api/mappings/save", { source: SOURCE, mapping: withStatus(proposal, "lower") });
    expect(bad.status).toBe(200);
    expect((await post("/api/sources/mkt-plan/sync", {})).status).toBe(200);
    const mkt = (await sources()).find((s) => s.id === "mkt-plan");
    expect(mkt?.quarantine.total).toBe(3);
    expect(mkt?.quarantine.items[0]).toMatchObject({ nativeKey: "MKT-7", column: "Status" });

    const statusTable: StatusTransform = {
      type: "enum",
      values: { WIP: "blocked", Done: "done", "Not started": "todo" },
      default: "todo",
    };
    const good = await post("/api/mappings/save", {
      source: SOURCE,
      mapping: withStatus(proposal, statusTable),
    });
    expect(good.status).toBe(200);
    const saved = await body(good, MappingSaveResponseSchema);
    expect(saved.file).toBe(join("mappings", "demo-marketing-plan.yaml"));
    // What was written passes the CLI's own validation, and kept the aliases the editor does not show.
    const check = await validateMappingFile(ws.mappingFile);
    expect(check.ok).toBe(true);
    if (check.ok) expect(check.mapping.fields.due?.aliases).toEqual(["Deadline", "Due date"]);

    const sync = await body(await post("/api/sources/mkt-plan/sync", {}), SyncNowResponseSchema);
    expect(sync).toMatchObject({ kind: "done", instance: "mkt-plan" });
    expect(await mkt7Status()).toBe("blocked");
    expect((await sources()).find((s) => s.id === "mkt-plan")?.quarantine.total).toBe(0);
  });

  it("saves a spreadsheet no instance reads yet as a new file under mappings/, never over an existing one", async () => {
    const s = await sheet();
    const request = {
      source: { spreadsheetId: s.proposal.spreadsheetId },
      mapping: s.proposal,
      fileName: "growth-plan",
    };
    const first = await post("/api/mappings/save", request);
    expect(first.status).toBe(200);
    expect((await body(first, MappingSaveResponseSchema)).file).toBe(join("mappings", "growth-plan.yaml"));
    expect((await validateMappingFile(join(ws.mappingsDir, "growth-plan.yaml"))).ok).toBe(true);
    expect((await post("/api/mappings/save", request)).status).toBe(409);
    const outside = await post("/api/mappings/save", { ...request, fileName: "../../etc/x" });
    expect(outside.status).toBe(400);
    // The sheet's address pasted from the browser names the same spreadsheet.
    const pasted = await post("/api/mappings/save", {
      ...request,
      source: {
        spreadsheetId: ` https://docs.google.com/spreadsheets/d/${s.proposal.spreadsheetId}/edit?usp=sharing#gid=784512309`,
      },
      fileName: "growth-plan-pasted",
    });
    expect(pasted.status).toBe(200);
    expect((await body(pasted, MappingSaveResponseSchema)).file).toBe(
      join("mappings", "growth-plan-pasted.yaml"),
    );
    const again = await validateMappingFile(join(ws.mappingsDir, "growth-plan-pasted.yaml"));
    expect(again.ok && "spreadsheetId" in again.mapping ? again.mapping.spreadsheetId : null).toBe(
      s.proposal.spreadsheetId,
    );
  });
});
