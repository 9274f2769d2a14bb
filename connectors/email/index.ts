import { defineConnector } from "../../src/sync/manifest.js";
import { emailConnectorConfigSchema } from "./config.js";
import { createEmailConnector } from "./connector.js";

/** `kind: email`: one IMAP mailbox, where a tagged subject starts an action and replies update it. */
export const emailConnector = defineConnector({
  kind: "email",
  label: "e-mail",
  configSchema: emailConnectorConfigSchema,
  create: async (id, options, deps) =>
    // E-mails write dates without a zone ("Due: 14 Mar"): they are read in the organisation's.
    createEmailConnector(id, options, {
      env: deps.env,
      organisationTimeZone: deps.organisationTimeZone,
      ...(deps.now ? { now: deps.now } : {}),
    }),
  replay: { from: "recorded", option: "recorded" },
});
