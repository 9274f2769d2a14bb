import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import type { EmailMapContext } from "../../../connectors/email/map.js";
import { previewMail } from "../../../connectors/email/preview.js";
import { loadAppConfig } from "../../jobs/load-app-config.js";
import { TimeZoneSchema } from "../../sync/config-values.js";
import { CliUsageError, type GlobalOptions, type Io } from "../cli-context.js";
import { mailPreviewText } from "../format/mail-preview-text.js";

export interface PreviewOptions {
  json?: boolean;
  connector?: string;
  tag?: string;
  timeZone?: string;
}

/** The files to read: each .eml named, and the .eml files of a folder named, in name order. */
function emlFiles(paths: readonly string[]): { location: string; source: Buffer }[] {
  return paths.flatMap((path) => {
    if (!existsSync(path)) throw new CliUsageError(`${path}: no such file`);
    const files = statSync(path).isDirectory()
      ? readdirSync(path)
          .filter((f) => f.toLowerCase().endsWith(".eml"))
          .sort()
          .map((f) => join(path, f))
      : [path];
    if (files.length === 0) throw new CliUsageError(`${path}: the folder holds no .eml file`);
    return files.map((location) => ({ location, source: readFileSync(location) }));
  });
}

/**
 * Tag and zone: the options, else the config's e-mail connector (the one named, or the first), else the
 * defaults. A config named on purpose (--config, SIGHTLINE_CONFIG) must load; the default one may be absent.
 */
function mapContext(program: Command, opts: PreviewOptions, io: Io): { ctx: EmailMapContext; from: string } {
  const global = program.opts<GlobalOptions>();
  const named = program.getOptionValueSource("config") === "cli" || io.env.SIGHTLINE_CONFIG !== undefined;
  const config = named || existsSync(global.config) ? loadAppConfig(global.config, io.env) : null;
  const mail = config?.connectors.filter((c) => c.kind === "email") ?? [];
  const instance = opts.connector === undefined ? mail[0] : mail.find((c) => c.id === opts.connector);
  if (opts.connector !== undefined && instance === undefined) {
    const known = mail.map((c) => c.id).join(", ") || "none";
    throw new CliUsageError(
      `--connector ${opts.connector}: no e-mail connector by that id (e-mail connectors: ${known})`,
    );
  }
  const zone = opts.timeZone === undefined ? undefined : TimeZoneSchema.safeParse(opts.timeZone);
  if (zone !== undefined && !zone.success) {
    throw new CliUsageError(`--time-zone ${opts.timeZone}: not an IANA time zone (such as Europe/Paris)`);
  }
  const tag = opts.tag ?? (typeof instance?.tag === "string" ? instance.tag : "[action]");
  const timeZone =
    zone?.data ??
    (typeof instance?.timeZone === "string" ? instance.timeZone : undefined) ??
    config?.organisation.timeZone ??
    Intl.DateTimeFormat().resolvedOptions().timeZone;
  const from = instance ? `connector ${instance.id} of ${config?.file}` : config ? config.file : "defaults";
  return { ctx: { tag, timeZone }, from };
}

/** `sightline mail preview`: loaded only when it runs (mail-command.ts registers it). */
export async function runPreview(
  program: Command,
  files: string[],
  opts: PreviewOptions,
  io: Io,
): Promise<void> {
  const { ctx, from } = mapContext(program, opts, io);
  const preview = await previewMail(emlFiles(files), ctx);
  if (opts.json) {
    io.out(`${JSON.stringify({ tag: ctx.tag, timeZone: ctx.timeZone, ...preview }, null, 2)}\n`);
    return;
  }
  io.out(`Read with tag ${ctx.tag} in ${ctx.timeZone} (${from}).\n\n${mailPreviewText(preview)}\n`);
}
