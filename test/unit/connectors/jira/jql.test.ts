import { describe, expect, it } from "vitest";
import {
  hasOrderBy,
  incrementalJql,
  normaliseJql,
  parseJiraTimestamp,
  toIsoTimestamp,
} from "../../../../connectors/jira/jql.js";

describe("JQL text", () => {
  it("collapses whitespace outside string literals only", () => {
    expect(normaliseJql('  project = PAY\n   AND  summary ~ "two  spaces"  ')).toBe(
      'project = PAY AND summary ~ "two  spaces"',
    );
  });

  it("finds ORDER BY outside quotes, not inside", () => {
    expect(hasOrderBy("project = PAY order  by created")).toBe(true);
    expect(hasOrderBy('summary ~ "order by"')).toBe(false);
  });
});

describe("Jira timestamps", () => {
  it("parses Jira's offset without a colon and keeps the offset", () => {
    const t = parseJiraTimestamp("2026-01-12T14:05:31.870+0100");
    expect(t).toEqual({ epochMs: Date.UTC(2026, 0, 12, 13, 5, 31, 870), offsetMinutes: 60 });
    expect(parseJiraTimestamp("2026-01-12T08:00:00.000-0530")?.epochMs).toBe(Date.UTC(2026, 0, 12, 13, 30));
    expect(parseJiraTimestamp("12/Jan/26 2:05 PM")).toBeNull();
  });

  it("rewrites the offset the ISO way for the canonical schema", () => {
    expect(toIsoTimestamp("2026-01-12T14:05:31.870+0100")).toBe("2026-01-12T14:05:31.870+01:00");
    expect(toIsoTimestamp("2026-01-12T14:05:31Z")).toBe("2026-01-12T14:05:31Z");
  });
});

describe("incremental JQL", () => {
  it("subtracts the lookback, writes minutes in the watermark's own zone, and orders", () => {
    const w = parseJiraTimestamp("2026-01-12T14:05:31.870+0100")!;
    expect(incrementalJql("project = PAY", w, 5)).toBe(
      '(project = PAY) AND updated >= "2026/01/12 14:00" ORDER BY updated ASC, key ASC',
    );
  });

  it("crosses midnight and month ends in negative offsets", () => {
    const w = parseJiraTimestamp("2026-03-01T00:03:00.000-0500")!;
    expect(incrementalJql("project = PAY", w, 10)).toContain('updated >= "2026/02/28 23:53"');
  });
});
