import nock from "nock";
import { afterEach, describe, expect, it } from "vitest";
import { createJiraConnector } from "../../../connectors/jira/connector.js";
import { FieldListSchema } from "../../../connectors/jira/raw-schema.js";
import {
  config,
  ENV,
  fixture,
  fixtureObject,
  recordOf,
  SITE,
  START_FIELD,
} from "../../unit/connectors/jira/support.js";

afterEach(() => {
  nock.cleanAll();
});

function connector() {
  return createJiraConnector(config(), { env: ENV, notice: () => {}, sleep: async () => {} });
}

describe("write-back", () => {
  it("PUTs due and start to the site's fields, then returns the issue as Jira holds it", async () => {
    const c = connector();
    const bodies: unknown[] = [];
    const order: string[] = [];
    nock(SITE).get("/rest/api/3/field").reply(200, fixture("field.json"));
    nock(SITE)
      .put("/rest/api/3/issue/PAY-142", (body) => {
        bodies.push(body);
        return true;
      })
      .reply(() => {
        order.push("PUT");
        return [204, ""];
      });
    nock(SITE)
      .get("/rest/api/3/issue/PAY-142")
      .query((q) => typeof q.fields === "string" && q.fields.split(",").includes(START_FIELD))
      .reply(() => {
        order.push("GET");
        // A workflow kept the start date: the store must get Jira's value, not the one sent.
        return [200, fixtureObject("issue-pay-142.json")];
      });

    const item = await c.writeBack?.("PAY-142", { due: "2026-04-03", start: "2026-02-23" });

    expect(bodies).toEqual([{ fields: { duedate: "2026-04-03", [START_FIELD]: "2026-02-23" } }]);
    expect(order).toEqual(["PUT", "GET"]);
    const record = recordOf(item!);
    expect(record).toMatchObject({ nativeKey: "PAY-142", due: "2026-04-03", start: "2025-12-01" });
    expect(record.sourceUpdatedAt).toBe("2026-01-12T10:14:58.312+01:00");
  });

  it("writes a start field of type datetime as noon in the organisation's zone, in Jira's format", async () => {
    const c = createJiraConnector(config(), {
      env: ENV,
      notice: () => {},
      sleep: async () => {},
      timeZone: "Europe/Paris",
    });
    // The site's "Start date" is a Date Time Picker field: /field says so in its schema.
    const fields = FieldListSchema.parse(fixture("field.json")).map((f) =>
      f.id === START_FIELD
        ? {
            ...f,
            schema: {
              type: "datetime",
              custom: "com.atlassian.jira.plugin.system.customfieldtypes:datetime",
              customId: 10015,
            },
          }
        : f,
    );
    const bodies: unknown[] = [];
    nock(SITE).get("/rest/api/3/field").reply(200, fields);
    nock(SITE)
      .put("/rest/api/3/issue/PAY-142", (body) => {
        if (typeof body === "object") bodies.push(body);
        return true;
      })
      .times(2)
      .reply(204);
    nock(SITE)
      .get("/rest/api/3/issue/PAY-142")
      .query(true)
      .times(2)
      .reply(200, fixture("issue-pay-142.json"));
    await c.writeBack?.("PAY-142", { start: "2026-02-23" });
    await c.writeBack?.("PAY-142", { start: "2026-07-06" });
    expect(bodies).toEqual([
      { fields: { [START_FIELD]: "2026-02-23T12:00:00.000+0100" } },
      { fields: { [START_FIELD]: "2026-07-06T12:00:00.000+0200" } },
    ]);
  });

  it("clears a date with null and leaves the other one out", async () => {
    const c = connector();
    const bodies: unknown[] = [];
    nock(SITE).get("/rest/api/3/field").reply(200, fixture("field.json"));
    nock(SITE)
      .put("/rest/api/3/issue/PAY-142", (body) => {
        bodies.push(body);
        return true;
      })
      .reply(204);
    nock(SITE).get("/rest/api/3/issue/PAY-142").query(true).reply(200, fixture("issue-pay-142.json"));
    await c.writeBack?.("PAY-142", { due: null });
    expect(bodies).toEqual([{ fields: { duedate: null } }]);
  });

  it("refuses a start date when the site has no start-date field, before writing anything", async () => {
    const c = connector();
    nock(SITE).get("/rest/api/3/field").reply(200, fixture("field-without-start-date.json"));
    const put = nock(SITE).put("/rest/api/3/issue/PAY-142").reply(204);
    await expect(c.writeBack?.("PAY-142", { start: "2026-02-23", due: "2026-04-03" })).rejects.toMatchObject({
      code: "jira_no_start_field",
    });
    expect(put.isDone()).toBe(false);
  });

  it("refuses something that is not a calendar date", async () => {
    const c = connector();
    nock(SITE).get("/rest/api/3/field").reply(200, fixture("field.json"));
    await expect(c.writeBack?.("PAY-142", { due: "03/04/2026" })).rejects.toMatchObject({
      code: "jira_bad_change",
      message: expect.stringContaining('"03/04/2026"'),
    });
  });

  it("passes on Jira's field error when it rejects the edit", async () => {
    const c = connector();
    nock(SITE).get("/rest/api/3/field").reply(200, fixture("field.json"));
    nock(SITE)
      .put("/rest/api/3/issue/PAY-142")
      .reply(400, {
        errorMessages: [],
        errors: {
          duedate: "Field 'duedate' cannot be set. It is not on the appropriate screen, or unknown.",
        },
      });
    await expect(c.writeBack?.("PAY-142", { due: "2026-04-03" })).rejects.toMatchObject({
      code: "jira_bad_request",
      message: expect.stringContaining("duedate: Field 'duedate' cannot be set"),
    });
  });
});
