import type { ImapFlow } from "imapflow";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createImapTransport } from "../../../connectors/email/client.js";
import type { MailboxChange, WatchMode } from "../../../connectors/email/transport.js";
import { type DovecotServer, startDovecot } from "../../support/dovecot.js";
import { adminClient, appendFixture, connectorFor, MAILBOX, recreateMailbox, WireLog } from "./support.js";

let dovecot: DovecotServer;
let admin: ImapFlow;

beforeAll(async () => {
  dovecot = await startDovecot();
  admin = await adminClient(dovecot);
}, 30_000);

afterAll(async () => {
  await admin?.logout();
  await dovecot?.stop();
});

beforeEach(async () => {
  await recreateMailbox(admin);
});

type StartWatch = (
  onChange: (c: MailboxChange) => void,
  signal: AbortSignal,
  onReady: (m: WatchMode) => void,
) => Promise<void>;

function deferred<T>() {
  let resolve: (value: T) => void = () => {};
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/** Starts a watch, waits until it is in place, and collects what it reports. */
async function watching(start: StartWatch) {
  const changes: MailboxChange[] = [];
  const controller = new AbortController();
  const first = deferred<void>();
  const ready = deferred<WatchMode>();
  const done = start(
    (change) => {
      changes.push(change);
      first.resolve();
    },
    controller.signal,
    (mode) => ready.resolve(mode),
  );
  // A watch that fails before it is ready fails the wait for readiness too.
  const mode = await Promise.race([
    ready.promise,
    done.then(() => Promise.reject(new Error("the watch ended before it was ready"))),
  ]);
  return { changes, controller, firstChange: first.promise, done, mode };
}

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms),
    ),
  ]);
}

describe("watching the mailbox for new mail", () => {
  it("hears new mail through IDLE as soon as it is appended, and stops when aborted", async () => {
    const wire = new WireLog();
    const connector = await connectorFor(dovecot, wire);
    const watch = await watching((onChange, signal, onReady) =>
      connector.watch(onChange, signal, { onReady }),
    );
    expect(watch.mode).toBe("idle");
    await appendFixture(admin, "demo/01-qa-signoff.eml");
    await within(watch.firstChange, 5000, "the IDLE notification");
    expect(watch.changes[0]).toEqual({ mode: "idle", count: 1 });
    expect(wire.commands(/^IDLE$/).length).toBeGreaterThan(0);
    expect(wire.commands(/^(NOOP|STATUS)\b/)).toEqual([]);
    watch.controller.abort();
    await within(watch.done, 5000, "the end of the watch");
  });

  it("polls STATUS instead when IDLE is off, and reports a change once", async () => {
    const transport = createImapTransport({
      host: dovecot.host,
      port: dovecot.port,
      secure: false,
      allowPlaintext: true,
      user: dovecot.user,
      password: dovecot.password,
    });
    const watch = await watching((onChange, signal, onReady) =>
      transport.watch(onChange, signal, { mailbox: MAILBOX, idle: false, pollSeconds: 0.2, onReady }),
    );
    expect(watch.mode).toBe("poll");
    await appendFixture(admin, "html-only.eml");
    await within(watch.firstChange, 5000, "the poll noticing the new message");
    await new Promise((r) => setTimeout(r, 600));
    expect(watch.changes).toEqual([{ mode: "poll", count: 1 }]);
    watch.controller.abort();
    await within(watch.done, 5000, "the end of the watch");
  });

  it.each([true, false])(
    "rejects with a retryable error when the server drops the connection (idle: %s)",
    async (idle) => {
      const transport = createImapTransport({
        host: dovecot.host,
        port: dovecot.port,
        secure: false,
        allowPlaintext: true,
        user: dovecot.user,
        password: dovecot.password,
      });
      const watch = await watching((onChange, signal, onReady) =>
        transport.watch(onChange, signal, { mailbox: MAILBOX, idle, pollSeconds: 60, onReady }),
      );
      try {
        await admin.logout();
        dovecot.kick();
        const error = await within(
          watch.done.then(
            () => null,
            (e: unknown) => e,
          ),
          5000,
          "the watch noticing the dropped connection",
        );
        expect(error).toMatchObject({ code: "email_connection_lost", retryable: true });
      } finally {
        watch.controller.abort();
        admin = await adminClient(dovecot);
      }
    },
  );
});
