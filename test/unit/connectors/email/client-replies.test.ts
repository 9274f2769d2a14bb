import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { authoredText } from "../../../../connectors/email/body-text.js";
import { labelledLines } from "../../../../connectors/email/labelled-lines.js";
import { mapThread } from "../../../../connectors/email/map.js";
import { ActionRecordSchema } from "../../../../src/model/index.js";
import { FIXTURES, parseFixture } from "./support.js";

/**
 * One reply per mail client, as each writes it (fixtures/email/clients, described in fixtures/email/README.md):
 * Priya moves QA-9 to 13 Mar and marks it in progress; the quoted original says `Owner: tomasz…`,
 * `Due: 6 Mar 2026` and `Status: blocked`, which must never count as hers.
 */
const CLIENTS = readdirSync(join(FIXTURES, "clients"))
  .filter((f) => f.endsWith(".eml"))
  .sort();

describe("replies from every client: only the replier's own lines count", () => {
  it("covers the clients the connector claims", () => {
    expect(CLIENTS.map((f) => f.replace(/\.eml$/, ""))).toEqual([
      "android-samsung",
      "apple-mail-fr",
      "gmail-android",
      "gmail-en",
      "gmail-ru",
      "hotmail-old",
      "ios-mail",
      "outlook-de",
      "outlook-en",
      "outlook-es",
      "outlook-fr",
      "outlook-it",
      "outlook-nl",
      "outlook-pt",
      "outlook-ru",
      "thunderbird-bottom",
      "thunderbird-top",
      "yahoo",
    ]);
  });

  it.each(CLIENTS)("%s", async (file) => {
    const reply = await parseFixture(`clients/${file}`, 2);
    expect(reply.unreadableBody).toBeNull();
    const own = labelledLines(authoredText(reply.text)).map((l) => `${l.label}=${l.value}`);
    expect(own.sort()).toEqual(["due=13 Mar 2026", "status=in progress"]);

    const root = await parseFixture("demo/01-qa-signoff.eml", 1);
    const [item] = mapThread({ root, replies: [reply] }, { tag: "[action]", timeZone: "Europe/Paris" });
    expect(item?.kind).toBe("record");
    const record = ActionRecordSchema.parse(item?.kind === "record" ? item.record : null);
    expect(record).toMatchObject({
      nativeKey: "QA-9",
      due: "2026-03-13",
      status: "in_progress",
      start: "2026-02-23",
      ownerRaw: "tomasz.nowak@acmepay.example",
    });
  });
});
