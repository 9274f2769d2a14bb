import { describe, expect, it } from "vitest";
import {
  createSlackConnectorFromConfig,
  SlackConnectorOptionsSchema,
} from "../../../../connectors/slack/config.js";
import { createSlackConnector, slackWriteConnector } from "../../../../connectors/slack/connector.js";
import { toPageItem } from "../../../../connectors/slack/map.js";
import { slackNativeKey } from "../../../../connectors/slack/native-key.js";
import type { SlackActionRaw } from "../../../../connectors/slack/raw-schema.js";
import { ActionRecordSchema } from "../../../../src/model/index.js";

const RAW: SlackActionRaw = {
  key: "SL-7K2M9QXA",
  title: "Payouts launch webinar",
  status: "todo",
  owner: "camille.durand@acmepay.example",
  team: "Marketing",
  businessUnit: null,
  program: null,
  start: "2026-03-02",
  due: "2026-03-20",
  kpis: ["arr-payouts"],
  dependsOn: [{ ref: "PAY-142", type: "FS", lagDays: 0 }],
  mirrors: [],
  link: "https://acme.slack.com/archives/C1/p1767000000000100",
  message: { channel: "C1", ts: "1767000000.000100" },
  via: "shortcut",
  by: "U05C1MKT007",
  at: "2026-01-12T09:00:00.000Z",
};

async function pages<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const p of it) out.push(p);
  return out;
}

describe("slackNativeKey", () => {
  it("is stable per request identity, distinct across identities, in Crockford base32", () => {
    const a = slackNativeKey("SL", "view:V123");
    expect(a).toBe(slackNativeKey("SL", "view:V123"));
    expect(a).not.toBe(slackNativeKey("SL", "view:V124"));
    expect(a).toMatch(/^SL-[0-9A-HJKMNP-TV-Z]{8}$/);
    const many = new Set(Array.from({ length: 5000 }, (_, i) => slackNativeKey("SL", `view:V${i}`)));
    expect(many.size).toBe(5000);
  });
});

describe("toPageItem", () => {
  it("maps a raw Slack action to a canonical record with where it came from", () => {
    const item = toPageItem(RAW);
    if (item.kind !== "record") throw new Error("expected a record");
    expect(item.origin).toEqual({
      location: "Slack message C1/1767000000.000100 (tracked by U05C1MKT007)",
      nativeKey: "SL-7K2M9QXA",
    });
    const record = ActionRecordSchema.parse(item.record);
    expect(record).toMatchObject({
      nativeKey: "SL-7K2M9QXA",
      url: RAW.link,
      ownerRaw: "camille.durand@acmepay.example",
      dependsOn: [{ ref: "PAY-142", type: "FS", lagDays: 0 }],
      sourceUpdatedAt: "2026-01-12T09:00:00.000Z",
    });
  });

  it("rejects a raw value that breaks the schema, naming the field", () => {
    const item = toPageItem({ ...RAW, due: "2026-02-30", link: "javascript:alert(1)" });
    expect(item.kind).toBe("rejected");
    if (item.kind !== "rejected") return;
    expect(item.origin.nativeKey).toBe("SL-7K2M9QXA");
    expect(item.reason).toContain("due:");
    expect(item.reason).toContain("link:");
  });
});

describe("the slack connector", () => {
  it("a scheduled pull reads nothing and never claims a complete snapshot", async () => {
    const c = createSlackConnectorFromConfig("slack", SlackConnectorOptionsSchema.parse({}));
    expect(c.keyPrefix).toBe("SL");
    expect(await pages(c.pull(null))).toEqual([]);
    expect((await c.check()).ok).toBe(true);
    expect(c.writeBack).toBeUndefined();
  });

  it("the write connector yields one page with the stored cursor handed back", async () => {
    const c = slackWriteConnector({ kind: "slack", instance: "slack" }, [RAW]);
    const got = await pages(c.pull({ kept: true }));
    expect(got).toHaveLength(1);
    expect(got[0]?.cursor).toEqual({ kept: true });
    expect(got[0]?.snapshotComplete).toBeUndefined();
    expect(got[0]?.items[0]?.kind).toBe("record");
  });

  it("with a lookup, write-back applies the dates to the stored record", async () => {
    const stored = ActionRecordSchema.parse({ ...toRecord(), start: "2026-03-02", due: "2026-03-20" });
    const c = createSlackConnector({
      instance: "slack",
      keyPrefix: "SL",
      current: async (key) => (key === "SL-7K2M9QXA" ? stored : null),
      now: () => "2026-01-13T08:00:00.000Z",
    });
    const item = await c.writeBack?.("SL-7K2M9QXA", { start: "2026-04-06", due: null });
    if (item?.kind !== "record") throw new Error("expected a record");
    expect(ActionRecordSchema.parse(item.record)).toMatchObject({
      start: "2026-04-06",
      due: null,
      title: "Payouts launch webinar",
      sourceUpdatedAt: "2026-01-13T08:00:00.000Z",
    });
    await expect(c.writeBack?.("SL-NOPE0000", { due: "2026-04-06" })).rejects.toMatchObject({
      code: "slack_action_not_found",
    });
  });

  it("refuses options it does not know and a bad key prefix", () => {
    expect(SlackConnectorOptionsSchema.safeParse({ keyPrefix: "sl" }).success).toBe(false);
    expect(SlackConnectorOptionsSchema.safeParse({ token: "x" }).success).toBe(false);
  });
});

function toRecord() {
  const item = toPageItem(RAW);
  if (item.kind !== "record") throw new Error("expected a record");
  return ActionRecordSchema.parse(item.record);
}
