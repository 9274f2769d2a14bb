import { describe, expect, it } from "vitest";
import { alertLedgerKey } from "../../../src/store/index.js";
import { freshStore } from "./helpers.js";

const T1 = "2026-01-05T10:00:00.000Z";
const T2 = "2026-01-06T10:00:00.000Z";

describe("alert ledger", () => {
  it("counts its entries by status, every status present", async () => {
    const { store } = await freshStore();
    expect(await store.alerts.countByStatus()).toEqual({ pending: 0, sent: 0, failed: 0, updated: 0 });
    const base = { fingerprint: "schedule:a", channel: "slack", messageRef: null, sentAt: T1 };
    await store.alerts.record({ ...base, recipient: "alice", changeKey: "opened", status: "sent" });
    await store.alerts.record({ ...base, recipient: "bob", changeKey: "opened", status: "sent" });
    await store.alerts.record({ ...base, recipient: "carol", changeKey: "opened", status: "pending" });
    await store.alerts.record({ ...base, recipient: "dan", changeKey: "opened", status: "failed" });
    expect(await store.alerts.countByStatus()).toEqual({ pending: 1, sent: 2, failed: 1, updated: 0 });
  });

  it("claims a (conflict, recipient, change) once: the second record returns false and keeps the first", async () => {
    const { store } = await freshStore();
    const entry = {
      fingerprint: "schedule:a",
      recipient: "alice",
      changeKey: "opened",
      channel: "slack",
      messageRef: { channel: "D123", ts: "1767607200.000100" },
      status: "sent" as const,
      sentAt: T1,
    };
    const key = alertLedgerKey("schedule:a", "alice", "opened");
    expect(await store.alerts.has(key)).toBe(false);
    expect(await store.alerts.record(entry)).toBe(true);
    expect(await store.alerts.record({ ...entry, channel: "email", sentAt: T2 })).toBe(false);
    expect(await store.alerts.has(key)).toBe(true);
    expect(await store.alerts.find("schedule:a", "alice")).toMatchObject({
      key,
      channel: "slack",
      sentAt: T1,
    });
  });

  it("finds the latest message to a recipient and updates it when the conflict clears", async () => {
    const { store } = await freshStore();
    const base = { fingerprint: "schedule:a", recipient: "alice", channel: "slack", status: "sent" as const };
    await store.alerts.record({
      ...base,
      changeKey: "opened",
      sentAt: T1,
      messageRef: { channel: "D1", ts: "1.1" },
    });
    await store.alerts.record({
      ...base,
      changeKey: "changed:40/critical",
      sentAt: T2,
      messageRef: { channel: "D1", ts: "2.2" },
    });
    await store.alerts.record({ ...base, recipient: "bob", changeKey: "opened", sentAt: T2 });

    const latest = await store.alerts.find("schedule:a", "alice");
    expect(latest).toMatchObject({
      changeKey: "changed:40/critical",
      messageRef: { channel: "D1", ts: "2.2" },
    });
    expect(await store.alerts.find("schedule:zzz", "alice")).toBeNull();

    if (!latest) throw new Error("expected an entry");
    await store.alerts.update(latest.key, { status: "updated", now: T2 });
    expect(await store.alerts.find("schedule:a", "alice")).toMatchObject({
      status: "updated",
      updatedAt: T2,
    });
    await expect(store.alerts.update("missing", { status: "sent", now: T2 })).rejects.toThrow(
      expect.objectContaining({ code: "alert_not_found" }),
    );
  });

  it("uses the caller's idempotency key, and still refuses a second entry for the same change", async () => {
    const { store } = await freshStore();
    const entry = {
      fingerprint: "f",
      recipient: "alice",
      changeKey: "opened",
      channel: "slack",
      status: "pending" as const,
    };
    expect(await store.alerts.record({ ...entry, key: "al_1", sentAt: T1 })).toBe(true);
    expect(await store.alerts.has("al_1")).toBe(true);
    expect(await store.alerts.record({ ...entry, key: "al_2", sentAt: T2 })).toBe(false);
    expect(await store.alerts.has("al_2")).toBe(false);
    expect(await store.alerts.record({ ...entry, key: "al_1", changeKey: "changed", sentAt: T2 })).toBe(
      false,
    );
  });

  it("keeps keys distinct even when parts contain the separator-looking characters", () => {
    expect(alertLedgerKey("a|b", "c", "d")).not.toBe(alertLedgerKey("a", "b|c", "d"));
  });
});
