import { describe, expect, it } from "vitest";
import { DirectorySchema, KpiSchema } from "../../../src/model/index.js";
import { freshStore, totalChanges } from "./helpers.js";

const directory = DirectorySchema.parse({
  people: [
    { id: "alice", name: "Alice Martin", emails: ["Alice@Acme.test"], aliases: ["Ali"], team: "Engineering" },
    { id: "bob", name: "Bob Stone", slackUserId: "U2", alertPreference: "digest" },
  ],
  teams: [{ name: "Marketing", aliases: ["Mkt"], slackChannel: "#marketing", email: "mkt@acme.test" }],
});

describe("directory", () => {
  it("folds a person a tool revealed under its own id into the directory person with the same identity", async () => {
    const { store } = await freshStore();
    // Revealed before the directory lists her (Jira assignee seen first), then by e-mail for Bob.
    await store.directory.upsertPeople([
      { id: "jira:acc-1", name: "Alice M.", jiraAccountId: "acc-1", emails: ["alice.m@acme.test"] },
      { id: "sheet:bob", name: "Bob", emails: ["bob@acme.test"] },
      { id: "jira:acc-9", name: "Carol", jiraAccountId: "acc-9" },
    ]);
    await store.directory.replace(
      DirectorySchema.parse({
        people: [
          { id: "alice", name: "Alice Martin", jiraAccountId: "acc-1" },
          { id: "bob", name: "Bob Stone", emails: ["bob@acme.test"] },
        ],
      }),
    );
    const people = (await store.directory.load()).people;
    expect(people.map((p) => p.id)).toEqual(["alice", "bob", "jira:acc-9"]);
    expect(people.find((p) => p.id === "alice")).toMatchObject({
      name: "Alice Martin",
      emails: ["alice.m@acme.test"],
      jiraAccountId: "acc-1",
    });
  });

  it("with a people file given, answers as if that file had been written over the stored one", async () => {
    const { store } = await freshStore();
    await store.directory.replace(directory);
    await store.directory.upsertPeople([
      { id: "alice", name: "A. Martin (Jira)", emails: ["am@acme.test"] },
      { id: "jira:acc-9", name: "Carol", jiraAccountId: "acc-9" },
    ]);
    const edited = DirectorySchema.parse({
      people: [
        { id: "alice", name: "Alice Martin-Roy", emails: ["alice@acme.test"] },
        { id: "dan", name: "Dan Wu" },
      ],
      teams: [{ name: "QA" }, { name: "Finance" }],
    });
    const changesBefore = await totalChanges(store);

    const inMemory = await store.directory.load(edited);

    expect(await totalChanges(store)).toBe(changesBefore);
    await store.directory.replace(edited);
    expect(inMemory).toEqual(await store.directory.load());
    expect(inMemory.people.map((p) => p.id)).toEqual(["alice", "dan", "jira:acc-9"]);
    expect(inMemory.people[0]?.emails).toEqual(["alice@acme.test", "am@acme.test"]);
  });

  it("round-trips people and teams", async () => {
    const { store } = await freshStore();
    await store.directory.replace(directory);
    expect(await store.directory.load()).toEqual(directory);
  });

  it("merges people a tool reveals without overwriting the directory file's data", async () => {
    const { store } = await freshStore();
    await store.directory.replace(directory);
    await store.directory.upsertPeople([
      {
        id: "alice",
        name: "A. Martin (Jira)",
        emails: ["alice@acme.test", "am@acme.test"],
        jiraAccountId: "acc-1",
      },
      { id: "jira:acc-9", name: "Carol", jiraAccountId: "acc-9" },
    ]);
    const people = (await store.directory.load()).people;
    expect(people.find((p) => p.id === "alice")).toMatchObject({
      name: "Alice Martin",
      emails: ["alice@acme.test", "am@acme.test"],
      jiraAccountId: "acc-1",
      team: "Engineering",
    });

    // Re-reading the directory file keeps what tools revealed (an incremental sync will not reveal it again).
    await store.directory.replace(directory);
    expect((await store.directory.load()).people.find((p) => p.id === "alice")).toMatchObject({
      emails: ["alice@acme.test", "am@acme.test"],
      jiraAccountId: "acc-1",
    });

    // A directory without those people keeps only the ones tools revealed.
    await store.directory.replace({ people: [], teams: [] });
    expect((await store.directory.load()).people.map((p) => p.id)).toEqual(["jira:acc-9"]);
  });

  it("writes nothing when a tool reveals what is already known", async () => {
    const { store } = await freshStore();
    await store.directory.replace(directory);
    const carol = { id: "jira:acc-9", name: "Carol", jiraAccountId: "acc-9", emails: ["carol@acme.test"] };
    await store.directory.upsertPeople([carol, { id: "alice", name: "Alice", jiraAccountId: "acc-1" }]);
    const before = await totalChanges(store);
    await store.directory.upsertPeople([carol, { id: "alice", name: "Alice", jiraAccountId: "acc-1" }]);
    expect((await totalChanges(store)) - before).toBe(0);
    await store.directory.upsertPeople([{ id: "jira:acc-9", name: "Carol", emails: ["c2@acme.test"] }]);
    expect((await store.directory.load()).people.find((p) => p.id === "jira:acc-9")?.emails).toEqual([
      "carol@acme.test",
      "c2@acme.test",
    ]);
  });

  it("replaces and upserts KPIs", async () => {
    const { store } = await freshStore();
    const k1 = KpiSchema.parse({
      key: "KPI-1",
      name: "Launch revenue",
      objective: "Grow",
      costOfDelayPerDay: 1000,
    });
    const k2 = KpiSchema.parse({
      key: "KPI-2",
      name: "NPS",
      objective: "Delight",
      owner: "bob",
      unit: "points",
    });
    await store.directory.replaceKpis([k1, k2]);
    expect(await store.directory.loadKpis()).toEqual([k1, k2]);
    await store.directory.replaceKpis([k2]);
    await store.directory.writeCatalog({
      origin: "plan",
      teams: [],
      kpis: [{ key: "KPI-3", name: "Churn", objective: "Keep", costOfDelayPerDay: 5 }],
      complete: null,
    });
    expect((await store.directory.loadKpis()).map((k) => k.key)).toEqual(["KPI-2", "KPI-3"]);
  });
});

describe("catalog provenance", () => {
  const kpi = (key: string, costOfDelayPerDay: number) =>
    KpiSchema.parse({ key, name: key, objective: "Grow", costOfDelayPerDay });
  const team = (name: string, slackChannel: string | null = null) => ({
    name,
    aliases: [],
    businessUnit: null,
    slackChannel,
    email: null,
  });

  it("keeps a connector's KPIs and teams when the config's catalog is rewritten", async () => {
    const { store } = await freshStore();
    await store.directory.writeCatalog({
      origin: "plan",
      kpis: [kpi("ARR", 4000)],
      teams: [team("Engineering", "#eng")],
      complete: null,
    });
    // What opening the app does on every command.
    await store.directory.replaceKpis([kpi("NPS", 10)]);
    await store.directory.replace({ people: [], teams: [team("Marketing")] });
    await store.directory.replaceKpis([kpi("NPS", 10)]);
    await store.directory.replace({ people: [], teams: [team("Marketing")] });
    expect((await store.directory.loadKpis()).map((k) => [k.key, k.costOfDelayPerDay])).toEqual([
      ["ARR", 4000],
      ["NPS", 10],
    ]);
    expect((await store.directory.load()).teams.map((t) => [t.name, t.slackChannel])).toEqual([
      ["Engineering", "#eng"],
      ["Marketing", null],
    ]);
  });

  it("prefers the config's entry for one key, and falls back to the connector's when the config drops it", async () => {
    const { store } = await freshStore();
    await store.directory.writeCatalog({
      origin: "plan",
      kpis: [kpi("ARR", 4000)],
      teams: [],
      complete: null,
    });
    await store.directory.replaceKpis([kpi("ARR", 9000)]);
    expect((await store.directory.loadKpis()).map((k) => k.costOfDelayPerDay)).toEqual([9000]);
    // A read-only command's config stands in for the stored config rows, as writing it would have made them.
    expect((await store.directory.loadKpis([kpi("ARR", 1)])).map((k) => k.costOfDelayPerDay)).toEqual([1]);
    expect((await store.directory.loadKpis([])).map((k) => k.costOfDelayPerDay)).toEqual([4000]);
    await store.directory.replaceKpis([]);
    expect((await store.directory.loadKpis()).map((k) => k.costOfDelayPerDay)).toEqual([4000]);
  });

  it("deletes a connector's entries only when a complete run no longer sends them", async () => {
    const { store } = await freshStore();
    await store.directory.writeCatalog({
      origin: "plan",
      kpis: [kpi("ARR", 4000), kpi("GMV", 100)],
      teams: [team("Engineering"), team("QA")],
      complete: null,
    });
    await store.directory.writeCatalog({
      origin: "other",
      kpis: [kpi("CSAT", 5)],
      teams: [],
      complete: null,
    });
    await store.directory.writeCatalog({
      origin: "plan",
      kpis: [kpi("ARR", 4500)],
      teams: [],
      complete: { kpis: ["ARR"], teams: ["QA"] },
    });
    expect((await store.directory.loadKpis()).map((k) => [k.key, k.costOfDelayPerDay])).toEqual([
      ["ARR", 4500],
      ["CSAT", 5],
    ]);
    expect((await store.directory.load()).teams.map((t) => t.name)).toEqual(["QA"]);
  });
});
