import { ImapFlow } from "imapflow";
import { startDovecot } from "../../support/dovecot.js";
const s = await startDovecot();
const lines: unknown[] = [];
const logger = { debug: (o: unknown) => lines.push(o), info: (o: unknown) => lines.push(o), warn: () => {}, error: () => {} };
try {
  const c = new ImapFlow({ host: s.host, port: s.port, secure: false, auth: { user: s.user, pass: s.password }, logger, disableAutoIdle: true });
  await c.connect();
  await c.mailboxCreate("Actions");
  await c.append("Actions", "Message-ID: <a@x>\r\nSubject: hi\r\n\r\nbody\r\n");
  const lock = await c.getMailboxLock("Actions", { readOnly: true });
  await c.fetchAll("1:*", { uid: true, source: true }, { uid: true });
  lock.release();
  await c.logout();
} catch (e) { console.error(e); }
console.log(lines.filter((l: any) => l.src === "c" || /C:/.test(l.msg ?? "")).slice(0, 20));
console.log(lines.slice(0, 5));
await s.stop();
