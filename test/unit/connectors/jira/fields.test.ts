import { describe, expect, it } from "vitest";
import { requestedFields, resolveFieldIds } from "../../../../connectors/jira/fields.js";
import { FieldListSchema } from "../../../../connectors/jira/raw-schema.js";
import { fixture } from "./support.js";

const recorded = FieldListSchema.parse(fixture("field.json"));

describe("resolveFieldIds on the recorded /rest/api/3/field list", () => {
  it("finds the start-date field by name, case-insensitively", () => {
    const { ids, notices } = resolveFieldIds(recorded, { start: "start DATE", kpi: null, team: "Team" });
    expect(ids).toEqual({
      start: "customfield_10015",
      startKind: "date",
      kpi: null,
      team: "customfield_10001",
    });
    expect(notices).toEqual([]);
  });

  it("notes a missing field instead of failing", () => {
    const without = FieldListSchema.parse(fixture("field-without-start-date.json"));
    const { ids, notices } = resolveFieldIds(without, { start: "Start date", kpi: null, team: null });
    expect(ids.start).toBeNull();
    expect(notices).toEqual([expect.stringContaining('"Start date" does not exist')]);
  });

  it("prefers a date-typed field among duplicates and says so", () => {
    const dup = [{ id: "customfield_20000", name: "Start date", schema: { type: "string" } }, ...recorded];
    const { ids, notices } = resolveFieldIds(dup, { start: "Start date", kpi: null, team: null });
    expect(ids.start).toBe("customfield_10015");
    expect(notices[0]).toContain("customfield_20000, customfield_10015");
  });

  it("records the start field's schema type, so a datetime field is written as an instant", () => {
    const datetime = recorded.map((f) =>
      f.id === "customfield_10015" ? { ...f, schema: { ...f.schema, type: "datetime" } } : f,
    );
    expect(resolveFieldIds(datetime, { start: "Start date", kpi: null, team: null }).ids).toMatchObject({
      start: "customfield_10015",
      startKind: "datetime",
    });
  });

  it("accepts a field id instead of a name", () => {
    expect(resolveFieldIds(recorded, { start: "customfield_10020", kpi: null, team: null }).ids.start).toBe(
      "customfield_10020",
    );
  });

  it("asks for the system fields plus the resolved custom ones", () => {
    expect(requestedFields({ start: "customfield_10015", kpi: null, team: "customfield_10015" })).toEqual([
      "summary",
      "status",
      "assignee",
      "duedate",
      "updated",
      "parent",
      "labels",
      "components",
      "issuelinks",
      "resolution",
      "customfield_10015",
    ]);
  });
});
