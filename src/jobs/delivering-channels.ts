import type { SightlineConfig } from "../config/index.js";
import { emailSection, slackSection } from "../config/service-sections.js";

type Env = Readonly<Record<string, string | undefined>>;

/** Which sinks this process can deliver through (the same env gives every process the same answer). */
export function deliveringChannels(config: SightlineConfig, env: Env): { slack: boolean; email: boolean } {
  return {
    slack: Boolean(env[slackSection(config).botTokenEnv]),
    email: Boolean(env[emailSection(config).smtpUrlEnv]),
  };
}
