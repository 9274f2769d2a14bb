import { createHmac, randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type AppContext, openContext } from "../../../src/jobs/app-context.js";
import { loadAppConfig } from "../../../src/jobs/load-app-config.js";
import { syncConnector } from "../../../src/jobs/sync-work.js";
import { type RunningServer, runServer } from "../../../src/server/run-server.js";
import { waitFor } from "../../support/wait-for.js";

const SECRET = "gh-webhook-secret-for-tests";
const FIXTURES = resolve("fixtures/github/payments");
const payload = (name: string) => readFileSync(join(FIXTURES, name));

/** Exactly what GitHub sends: HMAC-SHA256 of the raw body, hex, `sha256=` first. */
const sign = (raw: Buffer) => `sha256=${createHmac("sha256", SECRET).update(raw).digest("hex")}`;

function configFile(dir: string): string {
  const file = join(dir, "sightline.config.yaml");
  writeFileSync(
    file,
    [
      "organisation: { name: Acme Pay, timeZone: Europe/Paris }",
      `database: { path: ${join(dir, "store.db")} }`,
      "directory:",
      "  people:",
      "    - { id: dev, name: Dev Patel, emails: [dev@acmepay.example], aliases: [dev-patel] }",
      "    - { id: priya, name: Priya Raman, emails: [priya@acmepay.example], aliases: [priya-r] }",
      "    - { id: maria, name: Maria Lopez, emails: [maria@acmepay.example], aliases: [mlopez] }",
      "connectors:",
      "  - id: gh-payments",
      "    kind: github",
      "    repo: acme/payments",
      `    recorded: ${FIXTURES}`,
      "    webhookSecretEnv: GITHUB_WEBHOOK_SECRET",
      "",
    ].join("\n"),
  );
  return file;
}

let running: RunningServer | null = null;
let ctx: AppContext | null = null;
const dirs: string[] = [];
afterEach(async () => {
  await running?.stop();
  running = null;
  await ctx?.store.close();
  ctx = null;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe("sightline serve: GitHub webhooks", () => {
  it("applies a signed issue edit, reconciles, and answers replays, pings and forgeries as GitHub expects", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sightline-gh-serve-"));
    dirs.push(dir);
    const env = { GITHUB_WEBHOOK_SECRET: SECRET };
    ctx = await openContext(loadAppConfig(configFile(dir), env), { today: "2026-03-05", env });
    await syncConnector(ctx, "gh-payments");
    expect((await ctx.store.actions.get("gh-payments:acme/payments#14"))?.due).toBe("2026-04-14");
    const logs: string[] = [];
    running = await runServer(ctx, { env, log: (l) => logs.push(l), port: 0 });
    const post = (raw: Buffer, event: string, delivery: string, signature: string | null = sign(raw)) =>
      fetch(`${running?.url}/webhooks/github/gh-payments`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "user-agent": "GitHub-Hookshot/6b02022",
          "x-github-event": event,
          "x-github-delivery": delivery,
          "x-github-hook-id": "123456",
          ...(signature ? { "x-hub-signature-256": signature } : {}),
        },
        body: raw,
      });

    const ping = await post(payload("webhook-ping.json"), "ping", randomUUID());
    expect([ping.status, await ping.json()]).toEqual([200, { status: "ignored", reason: "ping" }]);

    const edited = payload("webhook-issues-edited.json");
    const forged = Buffer.from(edited.toString("utf8").replace("2026-04-24", "2026-04-25"));
    expect((await post(forged, "issues", randomUUID(), sign(edited))).status).toBe(401);
    expect((await post(edited, "issues", randomUUID(), null)).status).toBe(401);
    const sha1 = `sha1=${createHmac("sha1", SECRET).update(edited).digest("hex")}`;
    expect((await post(edited, "issues", randomUUID(), sha1)).status).toBe(401);
    expect((await ctx.store.actions.get("gh-payments:acme/payments#14"))?.due).toBe("2026-04-14");

    const delivery = randomUUID();
    const ok = await post(edited, "issues", delivery);
    expect([ok.status, await ok.json()]).toEqual([200, { status: "applied" }]);
    expect((await ctx.store.actions.get("gh-payments:acme/payments#14"))?.due).toBe("2026-04-24");
    // The milestone (due 15 Apr) and the launch checklist wait on #14: both now run on a stale date.
    const scheduleConflicts = async () =>
      (await ctx?.store.conflicts.list({ status: ["open"] }))?.filter((c) => c.type === "schedule") ?? [];
    await waitFor("the reconcile of the webhook", async () => (await scheduleConflicts()).length === 2);
    const schedule = await scheduleConflicts();
    expect(schedule.map((c) => [c.actionId, c.rootCauseId]).sort()).toEqual([
      ["gh-payments:acme/payments#15", "gh-payments:acme/payments#14"],
      ["gh-payments:acme/payments/milestones/3", "gh-payments:acme/payments#14"],
    ]);

    const history = (await ctx.store.actions.history("gh-payments:acme/payments#14")).length;
    const replay = await post(edited, "issues", delivery);
    expect([replay.status, await replay.json()]).toEqual([200, { status: "duplicate" }]);
    // An older state delivered late (GitHub retries out of order) is dropped by updated_at.
    const older = Buffer.from(
      edited.toString("utf8").replace("2026-03-05T14:02:11Z", "2026-03-01T09:00:00Z"),
    );
    expect(await (await post(older, "issues", randomUUID())).json()).toMatchObject({ status: "ignored" });
    expect(await ctx.store.actions.history("gh-payments:acme/payments#14")).toHaveLength(history);

    const other = Buffer.from(
      edited.toString("utf8").replaceAll('"full_name": "acme/payments"', '"full_name": "acme/web"'),
    );
    expect(await (await post(other, "issues", randomUUID())).json()).toMatchObject({ status: "ignored" });
    const star = await post(payload("webhook-ping.json"), "star", randomUUID());
    expect(await star.json()).toEqual({ status: "ignored", reason: "event star is not used" });
    expect(logs.filter((l) => l.includes("failed"))).toEqual([]);
  });
});
