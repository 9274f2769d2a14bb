// A worker process the stalled-job test kills with SIGKILL while its sink is sending: it opens the same config,
// SQLite file and queues as the test, tells the parent (IPC) when deliver() has started, and never finishes.
// Usage: node --import tsx alert-worker-child.ts <config> <queue prefix>
import type { AlertSink } from "../../../src/alerts/index.js";
import { createSlackSink, createSlackWebClient } from "../../../src/alerts/sinks/slack-sink.js";
import { openContext } from "../../../src/jobs/app-context.js";
import { loadAppConfig } from "../../../src/jobs/load-app-config.js";
import { createJobQueues, createRedis, startWorkers } from "../../../src/jobs/queue/index.js";
import { REDIS_URL } from "../../support/test-services.js";

// With a third argument (a Slack Web API base URL), the sink is the real Slack sink against that API, and the
// process hangs right after Slack accepted the post: the crash window between the vendor and the ledger.
const [configPath, prefix, slackApiUrl] = process.argv.slice(2);
if (!configPath || !prefix || !process.send)
  throw new Error("usage: alert-worker-child.ts <config> <prefix> (forked)");
const send = process.send.bind(process);

const ctx = await openContext(loadAppConfig(configPath, {}), { today: "2026-01-12" });
const url = REDIS_URL;
const queues = createJobQueues({ redis: createRedis(url, "producer"), prefix });
const hangingBeforeSend: AlertSink = {
  name: "hanging",
  accepts: () => true,
  deliver: (batch) => {
    send({ type: "sending", batchKey: batch.key });
    return new Promise(() => {});
  },
  update: () => new Promise(() => {}),
};
const slack = slackApiUrl
  ? createSlackSink({ client: createSlackWebClient({ token: "xoxb-test", apiUrl: slackApiUrl }) })
  : null;
const hangingAfterPost: AlertSink | null = slack
  ? {
      ...slack,
      deliver: async (batch, rendered) => {
        await slack.deliver(batch, rendered);
        send({ type: "posted", batchKey: batch.key });
        return new Promise(() => {});
      },
    }
  : null;
const hanging = hangingAfterPost ?? hangingBeforeSend;
startWorkers({
  ctx,
  queues,
  redis: createRedis(url, "worker"),
  sinks: [hanging],
  only: ["alert"],
  workerOptions: { lockDuration: 1000, stalledInterval: 300 },
});
send({ type: "ready" });
