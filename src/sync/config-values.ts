import { z } from "zod";
import { SightlineError } from "../model/index.js";

/** Canonical IANA name for a zone Intl knows ("europe/paris" → "Europe/Paris"), or null. */
export function canonicalTimeZone(name: string): string | null {
  // Offsets such as "+01:00" are not zones: they ignore daylight saving, which is what quiet hours need.
  if (!/^[A-Za-z]+(?:[/_-][A-Za-z0-9_+-]+)*$/.test(name)) return null;
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    // RangeError is how Intl says "unknown zone"; the schema turns it into a message naming the field.
    return null;
  }
}

export const TimeZoneSchema = z
  .string()
  .trim()
  .refine((v) => canonicalTimeZone(v) !== null, {
    message: "expected an IANA time zone such as Europe/Paris",
  })
  .transform((v) => canonicalTimeZone(v) ?? v);

export const CurrencySchema = z
  .string()
  .trim()
  .regex(/^[A-Z]{3}$/, "expected an ISO 4217 currency code such as EUR");

/** `HH:MM`, 24-hour clock. */
export const ClockTimeSchema = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "expected a time of day HH:MM (24-hour clock)");

/** The name of an environment variable: configs name where a secret lives, never the secret itself. */
export const EnvVarNameSchema = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "expected the name of an environment variable, e.g. JIRA_TOKEN");

/** Key names that hold secrets; `tokenEnv`, `passwordFile` and the like are fine (they name where it is). */
const SECRET_KEY = /(token|password|passwd|secret|apikey|api_key|privatekey|private_key)$/i;

export function looksLikeSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

export class SecretMissingError extends SightlineError {
  readonly variable: string;
  constructor(variable: string, where: string) {
    super("secret_missing", `${where} needs the environment variable ${variable}, which is not set`);
    this.variable = variable;
  }
}

/** Reads a secret named by the config; `where` says who needs it (`connector jira-eng (tokenEnv)`). */
export function readSecret(
  env: Readonly<Record<string, string | undefined>>,
  variable: string,
  where: string,
): string {
  const value = env[variable];
  if (value === undefined || value === "") throw new SecretMissingError(variable, where);
  return value;
}
