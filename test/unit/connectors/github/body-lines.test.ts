import { describe, expect, it } from "vitest";
import { keyOfRef, readBody } from "../../../../connectors/github/body-lines.js";

describe("readBody: what an issue body says", () => {
  it("reads Blocked by / Depends on lines, task-list issue items and dates, as people write them", () => {
    const facts = readBody(
      [
        "Some context with #3 mentioned in passing.",
        "**Blocked by:** #12, acme/api#4",
        "- Depends on https://github.com/acme/web/issues/9",
        "- [ ] #16",
        "- [x] acme/web#4",
        "- [ ] write the press note #17 first",
        "**Start:** 2026-04-06",
        "Due: 2026-04-14",
      ].join("\r\n"),
    );
    expect(facts).toEqual({
      refs: ["#12", "acme/api#4", "https://github.com/acme/web/issues/9", "#16", "acme/web#4"],
      start: "2026-04-06",
      due: "2026-04-14",
      problems: [],
    });
  });

  it("skips fenced code and HTML comments (template hints, pasted logs)", () => {
    const facts = readBody(
      "<!--\nBlocked by #1 (explain here)\n-->\n```\nBlocked by #99\nDue: 2020-01-01\n```\n~~~\nDepends on #98\n~~~\nBlocked by #5\n",
    );
    expect(facts.refs).toEqual(["#5"]);
    expect(facts.due).toBeNull();
  });

  it("reports a date line that is not a date, with its line", () => {
    expect(readBody("Intro\n\nDue: 2026-02-30\nStart: next week").problems).toEqual([
      'body line 3: due "2026-02-30" is not a date (write it as 2026-04-03)',
      'body line 4: start "next week" is not a date (write it as 2026-04-03)',
    ]);
  });

  it("reads an empty or missing body as nothing", () => {
    expect(readBody(null)).toEqual({ refs: [], start: null, due: null, problems: [] });
    expect(readBody("")).toEqual({ refs: [], start: null, due: null, problems: [] });
  });
});

describe("keyOfRef", () => {
  it("resolves short, cross-repo and URL refs to lower-case keys", () => {
    expect(keyOfRef("#12", "acme/payments")).toBe("acme/payments#12");
    expect(keyOfRef("Acme/API#4", "acme/payments")).toBe("acme/api#4");
    expect(keyOfRef("https://github.com/Acme/Web/issues/9", "acme/payments")).toBe("acme/web#9");
    expect(keyOfRef("https://github.com/acme/web/pull/9", "acme/payments")).toBeNull();
    expect(keyOfRef("PAY-142", "acme/payments")).toBeNull();
  });
});
