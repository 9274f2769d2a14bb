import { type AlertSink, createConsoleSink } from "../alerts/index.js";
import { createEmailSink, createSmtpTransport } from "../alerts/sinks/email-sink.js";
import { createFallbackSink } from "../alerts/sinks/fallback-sink.js";
import { SlackPeople } from "../alerts/sinks/slack-people.js";
import { createSlackSink, createSlackWebClient } from "../alerts/sinks/slack-sink.js";
import type { SightlineConfig } from "../config/index.js";
import { emailSection, slackSection } from "../config/service-sections.js";

type Env = Readonly<Record<string, string | undefined>>;

export interface AlertSinks {
  /** Most specific first, as deliverBatch wants them: Slack/e-mail (with fallback between them), then console. */
  sinks: AlertSink[];
  /** The Slack user cache the sink uses; the server shares it to recognise who clicked. Null without Slack. */
  people: SlackPeople | null;
  /** What is on, for the startup log. */
  describe: string;
}

/**
 * The delivery side from config and environment: Slack when the bot token is set (e-mail-only people DM'd
 * after users.lookupByEmail unless `slack.lookupByEmail: false`), e-mail when SMTP_URL is set, and the
 * console for whatever neither accepts (unrouted alerts, or everything on a machine with neither).
 */

export function createAlertSinks(
  config: SightlineConfig,
  env: Env,
  write: (text: string) => void,
): AlertSinks {
  const slack = slackSection(config);
  const email = emailSection(config);
  const token = env[slack.botTokenEnv];
  const smtpUrl = env[email.smtpUrlEnv];
  const delivering: AlertSink[] = [];
  let people: SlackPeople | null = null;
  if (token) {
    const client = createSlackWebClient({ token, apiUrl: slack.apiUrl });
    people = new SlackPeople(client, { ttlMs: slack.lookupCacheMinutes * 60_000 });
    delivering.push(createSlackSink({ client, people: slack.lookupByEmail ? people : null }));
  }
  if (smtpUrl)
    delivering.push(createEmailSink({ transport: createSmtpTransport(smtpUrl), from: email.from }));
  const sinks: AlertSink[] = [];
  if (delivering.length > 0) {
    sinks.push(
      createFallbackSink(delivering, (from, to, error) =>
        write(
          `alert: ${from} cannot deliver (${error instanceof Error ? error.message : String(error)}); trying ${to}\n`,
        ),
      ),
    );
  }
  sinks.push(createConsoleSink(write));
  const on = [token ? "Slack" : null, smtpUrl ? "e-mail" : null].filter((s) => s !== null);
  const describe =
    on.length > 0
      ? `alerts via ${on.join(" and ")}`
      : `alerts printed (set ${slack.botTokenEnv} or ${email.smtpUrlEnv} to deliver)`;
  return { sinks, people, describe };
}
