// The executable entry point (bin/sightline.js, npm scripts): kept apart from main.ts so tests import the
// program without running it.
import { main } from "./main.js";

process.exitCode = await main(process.argv.slice(2));
