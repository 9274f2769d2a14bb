import type { ActionRecordInput } from "../../src/model/index.js";
import type { Origin, PageItem } from "../../src/sync/contract.js";
import { type SlackActionRaw, SlackActionRawSchema } from "./raw-schema.js";

/** Where a Slack-created action's version came from, precisely enough for an admin to find it. */
export function slackLocation(raw: Pick<SlackActionRaw, "via" | "by" | "message">): string {
  switch (raw.via) {
    case "shortcut":
      return raw.message
        ? `Slack message ${raw.message.channel}/${raw.message.ts} (tracked by ${raw.by})`
        : `Slack message shortcut by ${raw.by}`;
    case "command":
      return `Slack /sightline add by ${raw.by}`;
    case "app_home":
      return `Slack App Home edit by ${raw.by}`;
  }
}

/** Pure: a Slack-created action → the canonical record (validated by the sync engine, like any connector's). */
export function mapSlackAction(raw: SlackActionRaw): ActionRecordInput {
  return {
    nativeKey: raw.key,
    url: raw.link,
    title: raw.title,
    status: raw.status,
    ownerRaw: raw.owner,
    team: raw.team,
    businessUnit: raw.businessUnit,
    program: raw.program,
    start: raw.start,
    due: raw.due,
    kpis: raw.kpis,
    dependsOn: raw.dependsOn,
    mirrors: raw.mirrors,
    sourceUpdatedAt: raw.at,
  };
}

/** One raw value (as the listeners built it) → a page item: the mapped record, or a rejection saying why. */
export function toPageItem(raw: unknown): PageItem {
  const parsed = SlackActionRawSchema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const origin: Origin = {
      location: `Slack-created action ${keyOf(raw) ?? "(no key)"}`,
      nativeKey: keyOf(raw),
      field: first ? first.path.join(".") || null : null,
    };
    const reason = parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
    return { kind: "rejected", reason, origin, raw };
  }
  const r = parsed.data;
  return {
    kind: "record",
    record: mapSlackAction(r),
    origin: { location: slackLocation(r), nativeKey: r.key },
  };
}

function keyOf(raw: unknown): string | null {
  if (raw === null || typeof raw !== "object") return null;
  const key: unknown = Reflect.get(raw, "key");
  return typeof key === "string" && key.trim() !== "" ? key.trim() : null;
}
