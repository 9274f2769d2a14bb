console.log("hello");
const m = await import("../../support/dovecot.js");
console.log("imported");
const s = await m.startDovecot();
console.log("started", s.port);
await s.stop();
