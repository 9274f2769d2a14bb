import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { CONNECTORS } from "../../../connectors/registry.js";
import {
  type ConfigContext,
  type Connector,
  type ConnectorManifest,
  type PageItem,
  runSync,
} from "../../../src/sync/index.js";
import { freshStore, tempDir } from "../store/helpers.js";
import { type AcceptanceCase, CASES } from "./acceptance-cases.js";

/**
 * The contract every connector of the registry keeps (in the spirit of Airbyte's connector acceptance
 * tests): its config is validated with errors that name the option; a recorded pull writes the expected
 * records; a cursor past the end reads nothing; an unchanged re-sync writes nothing; a bad record is
 * quarantined with its origin while the good ones land; a write-back hands back the tool's new state.
 */
const ctx: ConfigContext = { configDir: process.cwd(), env: {}, resolvePath: (p) => resolve(p) };
const deps = {
  env: {},
  organisationTimeZone: "Europe/Paris",
  fullScan: false,
  now: () => new Date("2026-03-05T09:00:00Z"),
};

function caseOf(manifest: ConnectorManifest): AcceptanceCase {
  const c = CASES[manifest.kind];
  if (!c) throw new Error(`connector kind ${manifest.kind} has no acceptance case in acceptance-cases.ts`);
  return c;
}

async function build(manifest: ConnectorManifest, options: Record<string, unknown>): Promise<Connector> {
  return manifest.create(`acc-${manifest.kind}`, manifest.configSchema(ctx).parse(options), deps);
}

async function recordsOf(connector: Connector, cursor: unknown): Promise<PageItem[]> {
  const items: PageItem[] = [];
  for await (const page of connector.pull(cursor))
    items.push(...page.items.filter((i) => i.kind === "record"));
  return items;
}

describe.each(CONNECTORS.map((m) => [m.kind, m] as const))("connector %s", (_kind, manifest) => {
  it("has an acceptance case, a label and a kind of its own", () => {
    expect(Object.keys(CASES)).toContain(manifest.kind);
    expect(manifest.label.trim()).not.toBe("");
    expect(CONNECTORS.filter((m) => m.kind === manifest.kind)).toHaveLength(1);
  });

  it("accepts its valid options and names the option it refuses", () => {
    const c = caseOf(manifest);
    expect(manifest.configSchema(ctx).safeParse(c.options).success).toBe(true);
    const refused = manifest.configSchema(ctx).safeParse(c.invalid.options);
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.path.join(".")).toBe(c.invalid.field);
  });

  it("writes the recorded records, reads nothing past the end, and writes nothing when re-run unchanged", async () => {
    const c = caseOf(manifest);
    const { store } = await freshStore();
    const connector = await build(manifest, c.options);
    const first = await runSync(connector, store.sync);
    expect(first.paused).toBeNull();
    expect((await store.sync.activeKeys(connector.source.instance)).sort()).toEqual(c.keys);
    expect(first.inserted).toBe(c.keys.length);

    const stored = await store.sync.readCursor(connector.source.instance);
    const ahead = c.futureOptions ? c.futureOptions(tempDir()) : c.options;
    expect(await recordsOf(await build(manifest, ahead), c.future(stored))).toEqual([]);

    const again = await runSync(await build(manifest, c.options), store.sync);
    expect([again.inserted, again.updated, again.removed, again.quarantined]).toEqual([0, 0, 0, 0]);
  });

  it("quarantines a bad record with its origin and still writes the good ones", async () => {
    const c = caseOf(manifest);
    const { store } = await freshStore();
    const broken = c.broken(tempDir());
    const connector =
      "connector" in broken
        ? broken.connector(`acc-${manifest.kind}`)
        : await build(manifest, broken.options);
    const report = await runSync(connector, store.sync);
    expect(report.quarantined).toBe(1);
    const [entry, ...more] = await store.sync.quarantine(connector.source.instance);
    expect(more).toEqual([]);
    expect(entry?.location).toMatch(c.brokenLocation);
    expect(entry?.reason).not.toBe("");
    expect(report.inserted).toBeGreaterThan(0);
  });

  it("hands back the tool's new state from a write-back, where the kind writes back", async () => {
    const c = caseOf(manifest);
    const connector = c.writeBack
      ? await build(manifest, c.writeBack.options(tempDir()))
      : await build(manifest, c.options);
    if (!c.writeBack) {
      // A kind without write-back must not pretend to have one (the job layer offers Replan only where it is).
      expect(connector.writeBack).toBeUndefined();
      return;
    }
    expect(connector.writeBack).toBeTypeOf("function");
    const item = await connector.writeBack?.(c.writeBack.key, c.writeBack.change);
    expect(item?.kind).toBe("record");
    expect(item?.kind === "record" ? item.record : null).toMatchObject({
      nativeKey: c.writeBack.key,
      ...c.writeBack.change,
    });
  });
});
