import { z } from "zod";
import { EnvVarNameSchema, TimeZoneSchema } from "../../src/sync/config-values.js";
import type { ConfigContext } from "../../src/sync/manifest.js";

/**
 * Options of a `kind: email` connector instance in sightline.config.yaml (`id`, `kind` and the keys every
 * instance has are the config's). Only the names of the environment variables holding the credentials
 * live in the file.
 *
 * ```yaml
 * - id: mail-actions
 *   kind: email
 *   host: imap.acmepay.example
 *   userEnv: ACTIONS_IMAP_USER
 *   passwordEnv: ACTIONS_IMAP_PASSWORD
 *   mailbox: INBOX          # one mailbox per instance
 *   tag: "[action]"         # subject tag that makes a message an action
 * ```
 */
export function emailConnectorConfigSchema(ctx: Pick<ConfigContext, "resolvePath">) {
  return z
    .strictObject({
      host: z.string().trim().min(1, "host must not be empty").optional(),
      /** Defaults to 993 with `secure`, 143 without. */
      port: z.int().min(1).max(65_535).optional(),
      /** TLS from the first byte (IMAPS). False: STARTTLS on the plain port, required unless allowPlaintext. */
      secure: z.boolean().default(true),
      /** Talk to a server without TLS at all (a test server on loopback): the password crosses in clear. */
      allowPlaintext: z.boolean().default(false),
      userEnv: EnvVarNameSchema.optional(),
      passwordEnv: EnvVarNameSchema.optional(),
      mailbox: z.string().trim().min(1, "mailbox must not be empty").default("INBOX"),
      tag: z.string().trim().min(1, "tag must not be empty").default("[action]"),
      /** How often `watch` polls when the server has no IDLE (or `idle: false`). */
      pollSeconds: z.int().min(5).max(86_400).default(60),
      /** Use IMAP IDLE for near-real-time notice of new mail where the server supports it. */
      idle: z.boolean().default(true),
      /** The zone dates are read in; defaults to the organisation's. */
      timeZone: TimeZoneSchema.optional(),
      /** New messages per page (one store transaction each). */
      batchSize: z.int().min(1).max(5_000).default(200),
      /**
       * Replay the .eml files of this folder instead of connecting to a server (the demo; see
       * recorded-mailbox.ts). Resolved against the config file's folder.
       */
      recorded: z
        .string()
        .trim()
        .min(1)
        .transform((p) => ctx.resolvePath(p))
        .optional(),
    })
    .superRefine((value, check) => {
      if (value.recorded !== undefined) return;
      for (const key of ["host", "userEnv", "passwordEnv"] as const) {
        if (value[key] === undefined) {
          check.addIssue({
            code: "custom",
            path: [key],
            message: `${key} is required (or \`recorded: <folder of .eml files>\` to replay recorded mail instead)`,
          });
        }
      }
    })
    .transform((value) => ({ ...value, port: value.port ?? (value.secure ? 993 : 143) }));
}
export type EmailConnectorConfig = z.output<ReturnType<typeof emailConnectorConfigSchema>>;
export type EmailConnectorConfigInput = z.input<ReturnType<typeof emailConnectorConfigSchema>>;
