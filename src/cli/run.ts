// The executable entry point (bin/sightline.js, npm scripts): kept apart from main.ts so tests import the
// program without running it.
import { main } from "./main.js";

process.exitCode = await main(process.argv.slice(2));
// The command has finished: whatever still holds the event loop now (a socket a bounded shutdown gave up on)
// must not keep the process alive. Unref'd, so a process with nothing left exits at once, as before.
setTimeout(() => process.exit(), 2_000).unref();
