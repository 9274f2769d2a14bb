import nock from "nock";
import { afterEach, describe, expect, it } from "vitest";
import {
  type AlertBatch,
  conflictBlocks,
  mergeForRecipient,
  planAlerts,
  renderAlert,
} from "../../../src/alerts/index.js";
import type { AlertSink } from "../../../src/alerts/sink.js";
import { createFallbackSink } from "../../../src/alerts/sinks/fallback-sink.js";
import { SlackSinkError } from "../../../src/alerts/sinks/slack-errors.js";
import { SlackPeople } from "../../../src/alerts/sinks/slack-people.js";
import { createSlackSink, createSlackWebClient } from "../../../src/alerts/sinks/slack-sink.js";
import { campaignConflict, diff, MemoryLedger, planInput } from "../../unit/alerts/fixtures.js";
import { mockMethod, SLACK_API_URL } from "./slack-api-mock.js";

afterEach(() => {
  nock.cleanAll();
});

function client() {
  return createSlackWebClient({ token: "xoxb-test-token", apiUrl: SLACK_API_URL });
}

/** The campaign conflict planned for everyone it concerns, one batch per recipient. */
function openedBatches(ledger = new MemoryLedger()) {
  const intents = planAlerts(planInput({ ledger, diff: diff({ opened: [campaignConflict()] }) }));
  return { intents, batches: mergeForRecipient(intents).batches };
}

function batchFor(batches: AlertBatch[], to: string): AlertBatch {
  const found = batches.find((b) => b.recipient.target.to === to);
  if (!found) throw new Error(`no batch for ${to}`);
  return found;
}

function asEmailTarget(batch: AlertBatch, email: string): AlertBatch {
  return { ...batch, recipient: { ...batch.recipient, target: { channel: "email", to: email } } };
}

async function caught(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
}

describe("Slack sink", () => {
  it("DMs the owner with the rendered blocks and returns the channel and ts Slack answered", async () => {
    const sink = createSlackSink({ client: client() });
    const maria = batchFor(openedBatches().batches, "U_MARIA");
    const rendered = renderAlert(maria);
    const post = mockMethod("chat.postMessage", () => ({
      ok: true,
      channel: "D_MARIA",
      ts: "1767000000.000100",
    }));

    const { messageRef } = await sink.deliver(maria, rendered);

    expect(post.calls).toHaveLength(1);
    const [call] = post.calls;
    expect(call?.channel).toBe("U_MARIA");
    expect(call?.text).toBe(rendered.slack.text);
    expect(call?.blocks).toEqual(rendered.slack.blocks);
    // The dependent's owner gets the decision buttons, with the conflict in each value.
    expect(JSON.stringify(call?.blocks)).toContain('"action_id":"replan"');
    expect(JSON.parse(messageRef ?? "")).toEqual({ channel: "D_MARIA", ts: "1767000000.000100" });
  });

  it("edits the message with chat.update when the conflict clears", async () => {
    const sink = createSlackSink({ client: client() });
    const ledger = new MemoryLedger();
    const { intents } = openedBatches(ledger);
    const ref = JSON.stringify({ channel: "D_MARIA", ts: "1767000000.000100" });
    ledger.record(intents, () => ref);
    const cleared = planAlerts(planInput({ ledger, diff: diff({ resolved: [campaignConflict()] }) }));
    const update = batchFor(mergeForRecipient(cleared).batches, "U_MARIA");
    expect(update.mode).toBe("update");
    const original = renderAlert(batchFor(openedBatches().batches, "U_MARIA")).slack;
    const history = mockMethod("conversations.history", () => ({
      ok: true,
      messages: [{ type: "message", ts: "1767000000.000100", text: original.text, blocks: original.blocks }],
      has_more: false,
    }));
    const edit = mockMethod("chat.update", (f) => ({ ok: true, channel: f.channel, ts: f.ts }));

    const rendered = renderAlert(update);
    const result = await sink.update(update, ref, rendered);

    expect(history.calls[0]).toMatchObject({
      channel: "D_MARIA",
      latest: "1767000000.000100",
      inclusive: "true",
    });
    expect(edit.calls).toHaveLength(1);
    expect(edit.calls[0]).toMatchObject({ channel: "D_MARIA", ts: "1767000000.000100" });
    expect(edit.calls[0]?.blocks).toEqual(rendered.slack.blocks);
    expect(JSON.stringify(edit.calls[0]?.blocks)).toContain("This conflict cleared");
    expect(JSON.stringify(edit.calls[0]?.blocks)).not.toContain('"type":"actions"');
    expect(result.messageRef).toBe(ref);
  });

  it("in a merged message replaces only the cleared conflict's blocks", async () => {
    const sink = createSlackSink({ client: client() });
    const ledger = new MemoryLedger();
    const { intents } = openedBatches(ledger);
    const ref = JSON.stringify({ channel: "D_MARIA", ts: "1767000000.000200" });
    ledger.record(intents, () => ref);
    const other = campaignConflict({ fingerprint: "schedule:mkt-plan:MKT-8<-jira-eng:QA-7" });
    const otherIntent = planAlerts(planInput({ diff: diff({ opened: [other] }) })).find(
      (i) => i.recipient.target.to === "U_MARIA",
    );
    const cleared = planAlerts(planInput({ ledger, diff: diff({ resolved: [campaignConflict()] }) }));
    const update = batchFor(mergeForRecipient(cleared).batches, "U_MARIA");
    const mariaOpened = intents.find((i) => i.recipient.target.to === "U_MARIA");
    if (!otherIntent || !mariaOpened) throw new Error("fixture: maria hears both conflicts");
    const mergedBlocks = [
      ...conflictBlocks(mariaOpened),
      { type: "divider" },
      ...conflictBlocks(otherIntent),
    ];
    mockMethod("conversations.history", () => ({
      ok: true,
      messages: [
        { type: "message", ts: "1767000000.000200", text: "Maria, 2 conflicts", blocks: mergedBlocks },
      ],
    }));
    const edit = mockMethod("chat.update", () => ({ ok: true }));

    await sink.update(update, ref, renderAlert(update));

    const blocks = edit.calls[0]?.blocks;
    expect(edit.calls[0]?.text).toBe("Maria, 2 conflicts");
    expect(blocks).toEqual([
      ...conflictBlocks(update.intents[0]!),
      { type: "divider" },
      ...conflictBlocks(otherIntent),
    ]);
  });

  it("looks people known only by e-mail up once, then from the cache", async () => {
    let clock = 1_000_000;
    const people = new SlackPeople(client(), { ttlMs: 60_000, nowMs: () => clock });
    const sink = createSlackSink({ client: client(), people });
    const maria = asEmailTarget(batchFor(openedBatches().batches, "U_MARIA"), "maria@example.com");
    expect(sink.accepts(maria.recipient.target)).toBe(true);
    const lookup = mockMethod("users.lookupByEmail", () => ({ ok: true, user: { id: "U_MARIA_FOUND" } }), {
      times: 2,
    });
    const post = mockMethod("chat.postMessage", () => ({ ok: true, channel: "D_M", ts: "1.2" }), {
      times: 3,
    });

    await sink.deliver(maria, renderAlert(maria));
    await sink.deliver(maria, renderAlert(maria));
    expect(lookup.calls).toEqual([{ email: "maria@example.com" }]);
    expect(post.calls.map((c) => c.channel)).toEqual(["U_MARIA_FOUND", "U_MARIA_FOUND"]);

    clock += 61_000; // past the TTL: asked again
    await sink.deliver(maria, renderAlert(maria));
    expect(lookup.calls).toHaveLength(2);
  });

  it("turns a 429 with Retry-After: 30 into retryAfterSeconds 30, without retrying itself", async () => {
    const sink = createSlackSink({ client: client() });
    const maria = batchFor(openedBatches().batches, "U_MARIA");
    const post = mockMethod("chat.postMessage", () => ({ ok: false, error: "ratelimited" }), {
      status: 429,
      headers: { "Retry-After": "30" },
    });

    const error = await caught(sink.deliver(maria, renderAlert(maria)));

    expect(error).toBeInstanceOf(SlackSinkError);
    expect(error).toMatchObject({ code: "slack_rate_limited", retryAfterSeconds: 30, unrecoverable: false });
    expect(post.calls).toHaveLength(1);
  });

  it.each(["channel_not_found", "not_in_channel", "is_archived"])(
    "marks %s unrecoverable",
    async (slackError) => {
      const sink = createSlackSink({ client: client() });
      const channel = batchFor(openedBatches().batches, "U_MARIA");
      mockMethod("chat.postMessage", () => ({ ok: false, error: slackError }));

      const error = await caught(sink.deliver(channel, renderAlert(channel)));

      expect(error).toMatchObject({
        code: `slack_${slackError}`,
        slackCode: slackError,
        unrecoverable: true,
        retryAfterSeconds: null,
      });
    },
  );

  it("treats a missing scope as permanent, and says which scope to add where", async () => {
    const sink = createSlackSink({ client: client() });
    const maria = batchFor(openedBatches().batches, "U_MARIA");
    // Slack's documented missing_scope answer names what was needed and what the token has.
    mockMethod("chat.postMessage", () => ({
      ok: false,
      error: "missing_scope",
      needed: "chat:write",
      provided: "commands,users:read",
    }));
    const error = await caught(sink.deliver(maria, renderAlert(maria)));
    expect(error).toMatchObject({ code: "slack_missing_scope", unrecoverable: true, unreachable: false });
    expect(error).toMatchObject({
      message: expect.stringMatching(
        /lacks the scope chat:write \(it has: commands,users:read\).*slack\/manifest\.yaml/,
      ),
    });
  });

  it.each(["invalid_auth", "not_authed", "token_revoked"])(
    "treats %s as permanent with a message for the admin",
    async (slackError) => {
      const sink = createSlackSink({ client: client() });
      const maria = batchFor(openedBatches().batches, "U_MARIA");
      mockMethod("chat.postMessage", () => ({ ok: false, error: slackError }));
      const error = await caught(sink.deliver(maria, renderAlert(maria)));
      expect(error).toMatchObject({ code: `slack_${slackError}`, unrecoverable: true });
      expect(error).toMatchObject({
        message: expect.stringContaining(
          `Slack refused the bot token (${slackError}); check SLACK_BOT_TOKEN`,
        ),
      });
    },
  );

  it("keeps a transient Slack failure retryable", async () => {
    const sink = createSlackSink({ client: client() });
    const maria = batchFor(openedBatches().batches, "U_MARIA");
    mockMethod("chat.postMessage", () => ({ ok: false, error: "internal_error" }));
    const error = await caught(sink.deliver(maria, renderAlert(maria)));
    expect(error).toMatchObject({
      code: "slack_internal_error",
      unrecoverable: false,
      retryAfterSeconds: null,
    });
  });

  it("users_not_found is unrecoverable, and the fallback sink then e-mails instead", async () => {
    const people = new SlackPeople(client(), { ttlMs: 60_000 });
    const slack = createSlackSink({ client: client(), people });
    const mailed: string[] = [];
    const email: AlertSink = {
      name: "email",
      accepts: (t) => t.channel === "email",
      deliver: async (b) => {
        mailed.push(b.recipient.target.to ?? "");
        return { messageRef: "<x@example.com>" };
      },
      update: async (_b, ref) => ({ messageRef: ref }),
    };
    const legal = asEmailTarget(batchFor(openedBatches().batches, "U_MARIA"), "legal@example.com");
    mockMethod("users.lookupByEmail", () => ({ ok: false, error: "users_not_found" }));

    const error = await caught(slack.deliver(legal, renderAlert(legal)));
    expect(error).toMatchObject({ code: "slack_users_not_found", unrecoverable: true });

    const fallbacks: string[] = [];
    const both = createFallbackSink([slack, email], (from, to) => fallbacks.push(`${from}->${to}`));
    // The negative answer is cached: no second lookup (nock would refuse an unexpected request).
    const { messageRef } = await both.deliver(legal, renderAlert(legal));
    expect(messageRef).toBe("<x@example.com>");
    expect(mailed).toEqual(["legal@example.com"]);
    expect(fallbacks).toEqual(["slack->email"]);
  });
});
