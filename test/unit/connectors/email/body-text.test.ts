import { describe, expect, it } from "vitest";
import { authoredText } from "../../../../connectors/email/body-text.js";

const lines = (text: string) => authoredText(text).trim().split("\n");

describe("the authored part of a body: quotes and signatures never count", () => {
  it("drops lines quoted with `>`, also between the sender's own lines", () => {
    const body = "Agreed.\n> Due: 6 Mar 2026\n>> Owner: someone@else.example\nDue: 10 Mar 2026\n  > Team: QA";
    expect(lines(body)).toEqual(["Agreed.", "Due: 10 Mar 2026"]);
  });

  it("cuts at a one-line reply attribution, and at one wrapped over two lines (Gmail)", () => {
    expect(
      lines(
        "Due: 10 Mar 2026\n\nOn Fri, 2 Jan 2026 at 08:55, Tomasz Nowak <t@x.example> wrote:\nDue: 6 Mar 2026",
      ),
    ).toEqual(["Due: 10 Mar 2026"]);
    expect(
      lines(
        "Due: 10 Mar 2026\nOn Fri, 2 Jan 2026 at 08:55, Tomasz Nowak <\nt@x.example> wrote:\nDue: 6 Mar 2026",
      ),
    ).toEqual(["Due: 10 Mar 2026"]);
  });

  it("cuts at the French and German attributions", () => {
    expect(
      lines("OK\nLe ven. 2 janv. 2026 à 08:55, Tomasz Nowak <t@x.example> a écrit :\nDue: 6 Mar 2026"),
    ).toEqual(["OK"]);
    expect(
      lines("OK\nAm Fr., 2. Jan. 2026 um 08:55 Uhr schrieb Tomasz Nowak <t@x.example>:\nDue: 6 Mar 2026"),
    ).toEqual(["OK"]);
  });

  it("cuts at Outlook's Original Message line, its underscore rule before From:, and a bare From:/Sent: block", () => {
    expect(lines("Thanks\n-----Original Message-----\nFrom: T\nDue: 6 Mar 2026")).toEqual(["Thanks"]);
    expect(
      lines("Thanks\n________________________________\nFrom: T <t@x.example>\nSent: Friday\nDue: 6 Mar 2026"),
    ).toEqual(["Thanks"]);
    expect(
      lines(
        "Thanks\n\nFrom: Tomasz Nowak <t@x.example>\nSent: Friday, January 2, 2026 8:55 AM\nDue: 6 Mar 2026",
      ),
    ).toEqual(["Thanks"]);
  });

  it("cuts at the signature delimiter", () => {
    expect(lines("Due: 10 Mar 2026\n-- \nTomasz Nowak\nTeam: QA Guild")).toEqual(["Due: 10 Mar 2026"]);
  });

  it("keeps prose that only looks like the start of an attribution, and lines of underscores used as rules", () => {
    const body = "On Monday we agreed the following:\nDue: 10 Mar 2026\n____________\nTeam: QA";
    expect(lines(body)).toEqual([
      "On Monday we agreed the following:",
      "Due: 10 Mar 2026",
      "____________",
      "Team: QA",
    ]);
  });

  it("handles CRLF line ends", () => {
    expect(lines("Due: 10 Mar 2026\r\n> Due: 6 Mar 2026\r\n")).toEqual(["Due: 10 Mar 2026"]);
  });
});
