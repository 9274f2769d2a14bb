import { describe, expect, it } from "vitest";
import { z } from "zod";
import { formatIssues, joinPath } from "../../../src/sync/zod-issues.js";

function texts(schema: z.ZodType, value: unknown, base: (string | number)[] = []): string[] {
  const parsed = schema.safeParse(value);
  if (parsed.success) throw new Error("expected a failure");
  return formatIssues(parsed.error, value, base).map((i) => i.text);
}

describe("formatIssues", () => {
  const schema = z.strictObject({
    key: z.string(),
    lagDays: z.number().int(),
    dependsOn: z.array(z.union([z.string(), z.object({ ref: z.string(), type: z.enum(["FS", "SS"]) })])),
  });

  it("says what is missing, what was expected and what was there", () => {
    expect(texts(schema, { lagDays: "3", dependsOn: [] })).toEqual([
      "key: missing (expected string)",
      'lagDays: expected number, got "3"',
    ]);
  });

  it("names an unknown field with its full path", () => {
    const parsed = schema.safeParse({ key: "A", lagDays: 1, dependsOn: [], dueDate: "x" });
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    const [issue] = formatIssues(parsed.error, {}, ["actions", 3]);
    expect(issue).toEqual({
      path: "actions[3].dueDate",
      segments: ["actions", 3, "dueDate"],
      text: 'actions[3]: unknown field "dueDate" (check the spelling)',
    });
  });

  it("explains a union by the kinds it accepts, or by the branch that came closest", () => {
    expect(texts(schema, { key: "A", lagDays: 0, dependsOn: [7] })).toEqual([
      "dependsOn[0]: expected string or object, got 7",
    ]);
    expect(texts(schema, { key: "A", lagDays: 0, dependsOn: [{ ref: "PAY-142", type: "XX" }] })).toEqual([
      'dependsOn[0].type: expected one of FS, SS, got "XX"',
    ]);
  });

  it("prefixes paths with the base given, values looked up in the parsed value", () => {
    expect(texts(schema, { key: 1, lagDays: 0, dependsOn: [] }, ["connectors", 1])).toEqual([
      "connectors[1].key: expected string, got 1",
    ]);
    expect(joinPath("connectors[1]", "path")).toBe("connectors[1].path");
    expect(joinPath("people", "[2].emails")).toBe("people[2].emails");
  });

  it("cuts long values", () => {
    const [text] = texts(z.object({ title: z.number() }), { title: "x".repeat(500) });
    expect(text?.length).toBeLessThan(110);
    expect(text?.endsWith("…")).toBe(true);
  });
});

describe("formatIssues on a discriminated union", () => {
  it("lists the accepted discriminator values", () => {
    const schema = z.discriminatedUnion("kind", [
      z.object({ kind: z.literal("file") }),
      z.object({ kind: z.literal("jira") }),
    ]);
    expect(texts(schema, { kind: "jria" })).toEqual(['kind: expected one of file, jira, got "jria"']);
    expect(texts(schema, {})).toEqual(["kind: expected one of file, jira, missing"]);
  });
});
