import { ImapFlow } from "imapflow";
import { startDovecot } from "../../support/dovecot.js";
const s = await startDovecot();
console.log("started", s.port);
try {
  const c = new ImapFlow({ host: s.host, port: s.port, secure: false, auth: { user: s.user, pass: s.password }, logger: false });
  await c.connect();
  console.log([...c.capabilities.keys()].join(" "));
  const r = await c.append("INBOX", "Message-ID: <a@x>\r\nSubject: hi\r\nDate: Fri, 02 Jan 2026 09:00:00 +0100\r\n\r\nbody\r\n");
  console.log(r);
  const lock = await c.getMailboxLock("INBOX", { readOnly: true });
  console.log(c.mailbox);
  const found = await c.search({ header: { "message-id": "<a@x>" } }, { uid: true });
  console.log("found", found);
  for await (const m of c.fetch("5:*", { uid: true }, { uid: true })) console.log("fetch 5:*", m.uid);
  lock.release();
  await c.logout();
} catch (e) { console.error(e); console.log(s.log()); }
await s.stop();
