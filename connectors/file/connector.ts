import { isAbsolute, relative } from "node:path";
import type { Source } from "../../src/model/index.js";
import type { CheckResult, Connector, PageItem, SyncPage } from "../../src/sync/contract.js";
import { type FileReader, parseFile, readSnapshot, readUtf8File } from "./client.js";
import type { FileConnectorConfig } from "./config.js";
import { mapDirectory, toPageItem } from "./map.js";
import { type FileCursor, FileCursorSchema } from "./raw-schema.js";

export interface FileConnectorOptions {
  /** Connector instance id, e.g. `demo-plan`. */
  instance: string;
  path: string;
  /** Actions per page; each page is one transaction in the store. */
  pageSize?: number;
  /** How locations name the file in quarantine entries; defaults to the path relative to the working folder. */
  label?: string;
  reader?: FileReader;
}

/**
 * The canonical `file` connector: a YAML or JSON plan in the canonical shape.
 *
 * Cursor: `{ sha256, complete }`, the content hash of the file. When the stored cursor is complete and the hash
 * is unchanged, pull yields one empty page carrying the same cursor (the engine then writes nothing) and does
 * not claim a complete snapshot, so nothing is deleted either. Otherwise every action is listed, `pageSize` per
 * page, people and KPIs on the first page, `snapshotComplete` on the last; intermediate pages carry
 * `complete: false`, so a run interrupted between pages re-reads the whole file next time (upserts are
 * idempotent, and a full listing is what lets the engine see which actions are gone).
 */
export class FileConnector implements Connector {
  readonly source: Source;
  private readonly path: string;
  private readonly label: string;
  private readonly pageSize: number;
  private readonly read: FileReader;

  constructor(options: FileConnectorOptions) {
    this.source = { kind: "file", instance: options.instance };
    this.path = options.path;
    this.label = options.label ?? displayPath(options.path);
    this.pageSize = Math.max(1, options.pageSize ?? 500);
    this.read = options.reader ?? readUtf8File;
  }

  async check(signal?: AbortSignal): Promise<CheckResult> {
    try {
      const snapshot = await readSnapshot(this.read, this.path, this.label, signal);
      const file = parseFile(snapshot.text, this.label);
      const counts = `${file.actions.length} actions, ${file.people?.length ?? 0} people, ${file.kpis?.length ?? 0} KPIs`;
      return { ok: true, detail: `${this.label}: ${counts}` };
    } catch (error) {
      // check() reports instead of throwing: a bad file is an answer to "is this connector usable?".
      return { ok: false, detail: error instanceof Error ? error.message : String(error) };
    }
  }

  async *pull(cursor: unknown, signal?: AbortSignal): AsyncIterable<SyncPage> {
    const snapshot = await readSnapshot(this.read, this.path, this.label, signal);
    const previous = FileCursorSchema.safeParse(cursor);
    if (previous.success && previous.data.complete && previous.data.sha256 === snapshot.sha256) {
      yield { items: [], cursor: previous.data };
      return;
    }
    const file = parseFile(snapshot.text, this.label);
    const directory = mapDirectory(file, this.label);
    const items: PageItem[] = file.actions.map((raw, i) => toPageItem(raw, i, this.label));
    const pageCount = Math.max(1, Math.ceil(items.length / this.pageSize));
    for (let p = 0; p < pageCount; p++) {
      signal?.throwIfAborted();
      const last = p === pageCount - 1;
      const pageCursor: FileCursor = { sha256: snapshot.sha256, complete: last };
      const pageItems = items.slice(p * this.pageSize, (p + 1) * this.pageSize);
      yield {
        items: p === 0 ? [...directory.rejected, ...pageItems] : pageItems,
        cursor: pageCursor,
        ...(p === 0 ? { people: directory.people, kpis: directory.kpis, teams: directory.teams } : {}),
        ...(last ? { snapshotComplete: true } : {}),
      };
    }
  }
}

export function fileConnectorFromConfig(
  instance: string,
  config: FileConnectorConfig,
  reader?: FileReader,
): FileConnector {
  return new FileConnector({
    instance,
    path: config.path,
    pageSize: config.pageSize,
    ...(reader ? { reader } : {}),
  });
}

function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel !== "" && !rel.startsWith("..") && !isAbsolute(rel) ? rel : path;
}
