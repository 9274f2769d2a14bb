import { describe, expect, it } from "vitest";
import {
  mailKey,
  messageIdsIn,
  messageUrl,
  normaliseMessageId,
} from "../../../../connectors/email/native-key.js";
import { hasTag, titleFrom } from "../../../../connectors/email/subject.js";

describe("subjects", () => {
  it.each([
    ["[action] QA sign-off for Instant Payouts", "QA sign-off for Instant Payouts"],
    ["Re: [action] QA sign-off", "QA sign-off"],
    ["RE: Fwd: [Action]   QA   sign-off", "QA sign-off"],
    ["AW: [ACTION] Re: QA sign-off", "QA sign-off"],
    ["Re[2]: SV: QA sign-off [action]", "QA sign-off"],
    ["Regression plan", "Regression plan"],
  ])("titles %j as %j", (subject, title) => {
    expect(titleFrom(subject, "[action]")).toBe(title);
  });

  it("finds the tag anywhere, in any case; a longer word that merely starts like it does not count", () => {
    expect(hasTag("Re: [Action] QA", "[action]")).toBe(true);
    expect(hasTag("[actions] QA", "[action]")).toBe(false);
    expect(hasTag("QA sign-off #todo", "#todo")).toBe(true);
    expect(titleFrom("QA sign-off #todo", "#todo")).toBe("QA sign-off");
  });
});

describe("Message-IDs and keys", () => {
  it("strips angle brackets and refuses ids with spaces", () => {
    expect(normaliseMessageId(" <CAH7=x@mail.example> ")).toBe("CAH7=x@mail.example");
    expect(normaliseMessageId("no-brackets@mail.example")).toBe("no-brackets@mail.example");
    expect(normaliseMessageId("<>")).toBeNull();
    expect(normaliseMessageId("two words")).toBeNull();
  });

  it("lists every id of a References or In-Reply-To header, in order", () => {
    expect(messageIdsIn("<a@x> <b@x>\r\n <c@x>")).toEqual(["a@x", "b@x", "c@x"]);
    expect(messageIdsIn(["<a@x>", "<b@x>"])).toEqual(["a@x", "b@x"]);
    expect(messageIdsIn(undefined)).toEqual([]);
  });

  it("derives a short key that depends only on the Message-ID", () => {
    const key = mailKey("CAH7qa9@mail.acmepay.example");
    expect(key).toMatch(/^MAIL-[0-9A-F]{10}$/);
    expect(mailKey("CAH7qa9@mail.acmepay.example")).toBe(key);
    expect(mailKey("CAH7qa8@mail.acmepay.example")).not.toBe(key);
    const keys = new Set(Array.from({ length: 5000 }, (_, i) => mailKey(`m${i}@x.example`)));
    expect(keys.size).toBe(5000);
  });

  it("links back with an RFC 2392 mid: URL", () => {
    expect(messageUrl("a/b@x.example")).toBe("mid:a%2Fb%40x.example");
  });
});
