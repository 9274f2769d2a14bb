import { describe, expect, it } from "vitest";
import { mapDirectory } from "../../../../connectors/file/map.js";
import { DirectorySchema } from "../../../../src/model/index.js";

describe("teams in a plan file or the config", () => {
  it("accepts plain team names beside full entries, and still rejects an empty one with its place", () => {
    const mapped = mapDirectory(
      { actions: [], teams: ["Engineering", { name: "QA", slackChannel: "#qa" }, "  "] },
      "plan.yaml",
    );
    expect(mapped.teams.map((t) => [t.name, t.slackChannel])).toEqual([
      ["Engineering", null],
      ["QA", "#qa"],
    ]);
    expect(mapped.rejected).toHaveLength(1);
    expect(mapped.rejected[0]).toMatchObject({ origin: { location: "plan.yaml teams[2]" } });
  });

  it("reads `teams: [Engineering]` in a directory the same way", () => {
    const directory = DirectorySchema.parse({ teams: ["Engineering"] });
    expect(directory.teams).toEqual([
      { name: "Engineering", aliases: [], businessUnit: null, slackChannel: null, email: null },
    ]);
  });
});
