import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Io } from "../../../src/cli/cli-context.js";
import { main } from "../../../src/cli/main.js";
import { eventually } from "../slack/slack-api-mock.js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function project(): { config: string; db: string } {
  const dir = mkdtempSync(join(tmpdir(), "sightline-serve-"));
  dirs.push(dir);
  writeFileSync(join(dir, "plan.yaml"), "actions:\n  - { key: A-1, title: Something, due: 2026-03-01 }\n");
  writeFileSync(
    join(dir, "sightline.config.yaml"),
    [
      "organisation: { name: Test Co, timeZone: Europe/Paris }",
      "connectors: [{ id: plan, kind: file, path: plan.yaml }]",
      "server: { host: 127.0.0.1, port: 3999 }",
      "slack: { apiUrl: https://slack.test/api/ }",
    ].join("\n"),
  );
  return { config: join(dir, "sightline.config.yaml"), db: join(dir, "sightline.db") };
}

/** Runs `sightline serve` in-process until SIGTERM, as the CLI does, with captured output. */
async function serve(env: Record<string, string>) {
  const { config, db } = project();
  let err = "";
  const io: Io = {
    out: () => {},
    err: (t) => {
      err += t;
    },
    isTty: false,
    env: { SIGHTLINE_LOG_FORMAT: "text", ...env },
  };
  const done = main(["--config", config, "--db", db, "serve", "--port", "0"], io);
  await eventually(() => /listening on (http:\S+)/.test(err), "the server to listen");
  const url = /listening on (http:\S+)/.exec(err)?.[1] ?? "";
  return { url, done, output: () => err };
}

describe("sightline serve", () => {
  it("without SLACK_SIGNING_SECRET serves with Slack off, then stops on SIGTERM", async () => {
    const s = await serve({});
    expect(s.output()).toContain("Slack is off (SLACK_SIGNING_SECRET is not set)");
    expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(s.url).not.toContain(":3999"); // --port wins over the config
    const health = await fetch(`${s.url}/healthz`);
    expect(await health.json()).toEqual({ status: "ok", slack: false, webhooks: false });
    expect((await fetch(`${s.url}/slack/events`, { method: "POST", body: "{}" })).status).toBe(404);

    process.emit("SIGTERM", "SIGTERM"); // what Node passes listeners on a real SIGTERM
    expect(await s.done).toBe(0);
    expect(s.output()).toContain("serve: SIGTERM: finishing open requests");
    expect(s.output()).toContain("serve: stopped");
    await expect(fetch(`${s.url}/healthz`)).rejects.toThrow();
  });

  it("with the Slack secrets the Slack route is on", async () => {
    const s = await serve({ SLACK_SIGNING_SECRET: "secret", SLACK_BOT_TOKEN: "xoxb-test" });
    const health = await fetch(`${s.url}/healthz`);
    expect(await health.json()).toMatchObject({ slack: true });
    // Unsigned: rejected by the verification, not 404.
    expect((await fetch(`${s.url}/slack/events`, { method: "POST", body: "{}" })).status).toBe(401);
    process.emit("SIGTERM", "SIGTERM"); // what Node passes listeners on a real SIGTERM
    expect(await s.done).toBe(0);
  });

  it("a signing secret without a bot token is a configuration error, not a silent downgrade", async () => {
    const { config, db } = project();
    let err = "";
    const io: Io = {
      out: () => {},
      err: (t) => {
        err += t;
      },
      isTty: false,
      env: { SLACK_SIGNING_SECRET: "s" },
    };
    const code = await main(["--config", config, "--db", db, "serve", "--port", "0"], io);
    expect(code).toBe(2);
    expect(err).toContain("SLACK_BOT_TOKEN");
  });
});
