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
  it("folds a person a tool revealed under its own id into the directory person with the same identity", () => {
    const { store } = freshStore();
    // Revealed before the directory lists her (Jira assignee seen first), then by e-mail for Bob.
    store.upsertPeople([
      { id: "jira:acc-1", name: "Alice M.", jiraAccountId: "acc-1", emails: ["alice.m@acme.test"] },
      { id: "sheet:bob", name: "Bob", emails: ["bob@acme.test"] },
      { id: "jira:acc-9", name: "Carol", jiraAccountId: "acc-9" },
    ]);
    store.replaceDirectory(
      DirectorySchema.parse({
        people: [
          { id: "alice", name: "Alice Martin", jiraAccountId: "acc-1" },
          { id: "bob", name: "Bob Stone", emails: ["bob@acme.test"] },
        ],
      }),
    );
    const people = store.loadDirectory().people;
    expect(people.map((p) => p.id)).toEqual(["alice", "bob", "jira:acc-9"]);
    expect(people.find((p) => p.id === "alice")).toMatchObject({
      name: "Alice Martin",
      emails: ["alice.m@acme.test"],
      jiraAccountId: "acc-1",
    });
  });

  it("with a people file given, answers as if that file had been written over the stored one", () => {
    const { store } = freshStore();
    store.replaceDirectory(directory);
    store.upsertPeople([
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
    const changesBefore = totalChanges(store);

    const inMemory = store.loadDirectory(edited);

    expect(totalChanges(store)).toBe(changesBefore);
    store.replaceDirectory(edited);
    expect(inMemory).toEqual(store.loadDirectory());
    expect(inMemory.people.map((p) => p.id)).toEqual(["alice", "dan", "jira:acc-9"]);
    expect(inMemory.people[0]?.emails).toEqual(["alice@acme.test", "am@acme.test"]);
  });

  it("round-trips people and teams", () => {
    const { store } = freshStore();
    store.replaceDirectory(directory);
    expect(store.loadDirectory()).toEqual(directory);
  });

  it("merges people a tool reveals without overwriting the directory file's data", () => {
    const { store } = freshStore();
    store.replaceDirectory(directory);
    store.upsertPeople([
      {
        id: "alice",
        name: "A. Martin (Jira)",
        emails: ["alice@acme.test", "am@acme.test"],
        jiraAccountId: "acc-1",
      },
      { id: "jira:acc-9", name: "Carol", jiraAccountId: "acc-9" },
    ]);
    const people = store.loadDirectory().people;
    expect(people.find((p) => p.id === "alice")).toMatchObject({
      name: "Alice Martin",
      emails: ["alice@acme.test", "am@acme.test"],
      jiraAccountId: "acc-1",
      team: "Engineering",
    });

    // Re-reading the directory file keeps what tools revealed (an incremental sync will not reveal it again).
    store.replaceDirectory(directory);
    expect(store.loadDirectory().people.find((p) => p.id === "alice")).toMatchObject({
      emails: ["alice@acme.test", "am@acme.test"],
      jiraAccountId: "acc-1",
    });

    // A directory without those people keeps only the ones tools revealed.
    store.replaceDirectory({ people: [], teams: [] });
    expect(store.loadDirectory().people.map((p) => p.id)).toEqual(["jira:acc-9"]);
  });

  it("writes nothing when a tool reveals what is already known", () => {
    const { store } = freshStore();
    store.replaceDirectory(directory);
    const carol = { id: "jira:acc-9", name: "Carol", jiraAccountId: "acc-9", emails: ["carol@acme.test"] };
    store.upsertPeople([carol, { id: "alice", name: "Alice", jiraAccountId: "acc-1" }]);
    const before = totalChanges(store);
    store.upsertPeople([carol, { id: "alice", name: "Alice", jiraAccountId: "acc-1" }]);
    expect(totalChanges(store) - before).toBe(0);
    store.upsertPeople([{ id: "jira:acc-9", name: "Carol", emails: ["c2@acme.test"] }]);
    expect(store.loadDirectory().people.find((p) => p.id === "jira:acc-9")?.emails).toEqual([
      "carol@acme.test",
      "c2@acme.test",
    ]);
  });

  it("replaces and upserts KPIs", () => {
    const { store } = freshStore();
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
    store.replaceKpis([k1, k2]);
    expect(store.loadKpis()).toEqual([k1, k2]);
    store.replaceKpis([k2]);
    store.upsertKpis([{ key: "KPI-3", name: "Churn", objective: "Keep", costOfDelayPerDay: 5 }]);
    expect(store.loadKpis().map((k) => k.key)).toEqual(["KPI-2", "KPI-3"]);
  });
});
