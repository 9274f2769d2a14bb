import { z } from "zod";
import { ValidationError } from "../model/index.js";
import { type ConfigRegistry, EnvVarNameSchema, readSecret, type SightlineConfig } from "./index.js";

type Env = Readonly<Record<string, string | undefined>>;

/** `slack:` in sightline.config.yaml. Secrets are named (the variables), never written. */
export const SlackSectionSchema = z
  .strictObject({
    /** The Web API base; tests and self-hosted proxies point it elsewhere. Must end with `/`. */
    apiUrl: z
      .url()
      .refine(
        (u) => u.endsWith("/"),
        "expected the Web API base URL ending with /, e.g. https://slack.com/api/",
      )
      .default("https://slack.com/api/"),
    botTokenEnv: EnvVarNameSchema.default("SLACK_BOT_TOKEN"),
    signingSecretEnv: EnvVarNameSchema.default("SLACK_SIGNING_SECRET"),
    /** DM people the directory knows only by e-mail, found with users.lookupByEmail. */
    lookupByEmail: z.boolean().default(true),
    /** How long a users.lookupByEmail / users.info answer is trusted (tier 3: about 50 lookups a minute). */
    lookupCacheMinutes: z.number().int().min(1).max(10_080).default(60),
    /** Known bot ids spare an auth.test call when the server starts handling requests. */
    botUserId: z.string().trim().min(1).nullish().default(null),
    botId: z.string().trim().min(1).nullish().default(null),
  })
  .prefault({});
export type SlackSection = z.output<typeof SlackSectionSchema>;

/** `server:` — where `sightline serve` listens. Loopback unless an operator opens it on purpose. */
export const ServerSectionSchema = z
  .strictObject({
    host: z.string().trim().min(1).default("127.0.0.1"),
    port: z.number().int().min(0).max(65_535).default(3000),
    /** Largest request body accepted on any route (Slack payloads stay far below). */
    maxBodyBytes: z
      .number()
      .int()
      .min(1024)
      .max(16 * 1024 * 1024)
      .default(1024 * 1024),
  })
  .prefault({});
export type ServerSection = z.output<typeof ServerSectionSchema>;

/** `email:` — the SMTP fallback for people and teams without Slack. */
export const EmailSectionSchema = z
  .strictObject({
    from: z.string().trim().min(3),
    smtpUrlEnv: EnvVarNameSchema.default("SMTP_URL"),
  })
  .prefault({ from: "Sightline <sightline@localhost>" });
export type EmailSection = z.output<typeof EmailSectionSchema>;

/** Lets src/config validate the server's sections; call once before loading a config that may hold them. */
export function registerServerSections(registry: ConfigRegistry): void {
  if (!registry.sectionSchema("slack")) registry.registerSection("slack", () => SlackSectionSchema);
  if (!registry.sectionSchema("server")) registry.registerSection("server", () => ServerSectionSchema);
  if (!registry.sectionSchema("email")) registry.registerSection("email", () => EmailSectionSchema);
}

function section<S extends z.ZodType>(config: SightlineConfig, name: string, schema: S): z.output<S> {
  // Validated when the config loaded; parsed again to get its type back (a missing section gets defaults).
  const parsed = schema.safeParse(config.sections[name]);
  if (!parsed.success) {
    throw new ValidationError(
      `${config.file} ${name}`,
      parsed.error.issues.map((i) => `${i.path.join(".") || name}: ${i.message}`),
    );
  }
  return parsed.data;
}

export function slackSection(config: SightlineConfig): SlackSection {
  return section(config, "slack", SlackSectionSchema);
}

export function emailSection(config: SightlineConfig): EmailSection {
  return section(config, "email", EmailSectionSchema);
}

/** The server section with the environment's say: SIGHTLINE_HOST, SIGHTLINE_PORT (or PORT, as PaaS set it). */
export function serverSection(config: SightlineConfig, env: Env): ServerSection {
  const base = section(config, "server", ServerSectionSchema);
  const portText = env.SIGHTLINE_PORT ?? env.PORT;
  let port = base.port;
  if (portText !== undefined && portText !== "") {
    const parsed = z.coerce.number().int().min(0).max(65_535).safeParse(portText);
    if (!parsed.success) {
      throw new ValidationError("environment SIGHTLINE_PORT/PORT", [
        `expected a port number 0-65535, got "${portText}"`,
      ]);
    }
    port = parsed.data;
  }
  return { ...base, host: env.SIGHTLINE_HOST || base.host, port };
}

export interface SlackCredentials {
  botToken: string;
  signingSecret: string;
}

/**
 * The Slack secrets, or null when the signing secret is absent (then `serve` runs without Slack routes). A
 * signing secret without a bot token is a half-configured app: that is an error, not a silent downgrade.
 */
export function slackCredentials(section: SlackSection, env: Env): SlackCredentials | null {
  const signingSecret = env[section.signingSecretEnv];
  if (signingSecret === undefined || signingSecret === "") return null;
  const botToken = readSecret(
    env,
    section.botTokenEnv,
    `slack (botTokenEnv, needed with ${section.signingSecretEnv})`,
  );
  return { botToken, signingSecret };
}
