import { readFileSync, readdirSync } from "node:fs";
import { parseMessage, authoredText, startsAction, mapThread, MessagePool, threadsOf } from "../../../connectors/email/index.js";
const ctx = { tag: "[action]", timeZone: "Europe/Paris" };
let uid = 1;
const pool = new MessagePool();
for (const f of ["demo/01-qa-signoff.eml", "demo/02-qa-signoff-reply.eml", ...readdirSync("fixtures/email").filter(n => n.endsWith(".eml"))]) {
  const m = await parseMessage({ uid: uid++, source: readFileSync(`fixtures/email/${f}`), internalDate: null, location: f });
  pool.add(m);
  console.log("==", f, JSON.stringify({ ...m, text: undefined }));
  console.log(JSON.stringify(authoredText(m.text)));
}
const starts = (m) => startsAction(m, ctx);
const roots = [...new Set(pool.all().map(m => pool.rootOf(m, starts)).filter(Boolean))];
for (const t of threadsOf(pool, roots, starts)) console.log(JSON.stringify(mapThread(t, ctx), null, 1));
