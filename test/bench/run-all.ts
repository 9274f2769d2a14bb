// `npm run bench`: every benchmark, each in its own process so one's heap and peak RSS never colour
// another's, one after the other so they do not compete for the two cores. Prints markdown tables of medians
// (the README's performance section is this output). `npm run bench -- --quick` runs small sizes only.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";

const quick = process.argv.includes("--quick");
const only = process.argv.slice(2).filter((a) => !a.startsWith("--"));

interface Bench {
  name: string;
  title: string;
  args: string[];
  quickArgs: string[];
}

const BENCHES: Bench[] = [
  {
    name: "reconcile",
    title: "Reconcile: full and incremental on layered graphs (~2 dependencies per action)",
    args: ["10000", "100000", "1000000"],
    quickArgs: ["10000"],
  },
  {
    name: "store",
    title: "Store: validated upserts of new canonical actions, then the same again unchanged",
    args: ["100000"],
    quickArgs: ["10000"],
  },
  {
    name: "jira",
    title: "Jira: recorded-shape pages mapped and upserted",
    args: ["10000", "3"],
    quickArgs: ["1000", "1"],
  },
  {
    name: "sheets",
    title: "Sheets: a large sheet mapped and upserted, then re-synced unchanged",
    args: ["100000", "3"],
    quickArgs: ["2000", "1"],
  },
  {
    name: "pipeline",
    title: "Pipeline: webhook-to-Slack latency on the local Redis",
    args: [],
    quickArgs: ["50"],
  },
];

const here = import.meta.dirname;
let failed = 0;
console.log(
  `Sightline benchmarks — node ${process.version}, ${new Date().toISOString()}${quick ? " (quick)" : ""}\n`,
);
for (const bench of BENCHES) {
  if (only.length > 0 && !only.includes(bench.name)) continue;
  const script = join(here, `${bench.name}-bench.ts`);
  if (!existsSync(script)) continue;
  const args = quick ? bench.quickArgs : bench.args;
  console.log(`## ${bench.title}\n\n\`npx tsx test/bench/${bench.name}-bench.ts ${args.join(" ")}\`\n`);
  const run = spawnSync(process.execPath, ["--import", "tsx", "--expose-gc", script, ...args], {
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (run.status !== 0) {
    failed++;
    console.log(`\n(${bench.name} failed with ${run.status ?? run.signal})`);
  }
  console.log("");
}
process.exitCode = failed > 0 ? 1 : 0;
