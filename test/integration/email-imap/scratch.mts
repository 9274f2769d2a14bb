import { createEmailConnector } from "../../../connectors/email/connector.js";
import { startDovecot } from "../../support/dovecot.js";
import { configFor, adminClient, recreateMailbox } from "./support.js";
const s = await startDovecot();
const a = await adminClient(s); await recreateMailbox(a); await a.logout();
for (const [pw, mb] of [[s.password, "Actions"], ["wrong", "Actions"], [s.password, "Nope"]]) {
  const t = Date.now();
  const c = await createEmailConnector("x", configFor(s, { mailbox: mb }), { organisationTimeZone: "Europe/Paris", env: { ACTIONS_IMAP_USER: s.user, ACTIONS_IMAP_PASSWORD: pw } });
  console.log(await c.check(), Date.now() - t);
}
console.log(s.log().split("\n").slice(-8).join("\n"));
await s.stop();
