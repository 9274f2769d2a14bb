import type { ActionRecordInput, Source } from "../../../../src/model/index.js";
import type { CheckResult, Connector, PageItem, SyncPage } from "../../../../src/sync/contract.js";

/**
 * A connector that replays a script of pages from wherever the cursor says (the cursor is the index of the
 * next page), and can throw at a given page, like a tool that fails mid-listing.
 */
export class ScriptedConnector implements Connector {
  readonly source: Source;
  readonly pullCursors: unknown[] = [];
  /** Set when the engine closed the iteration early (store failure, abort). */
  closedEarly = false;
  failAtPage: { index: number; error: Error } | null = null;
  onPage: ((index: number) => void) | null = null;

  constructor(
    instance: string,
    private pages: SyncPage[],
  ) {
    this.source = { kind: "test", instance };
  }

  setPages(pages: SyncPage[]): void {
    this.pages = pages;
  }

  async check(): Promise<CheckResult> {
    return { ok: true, detail: `${this.pages.length} pages scripted` };
  }

  async *pull(cursor: unknown): AsyncIterable<SyncPage> {
    this.pullCursors.push(cursor);
    const start = typeof cursor === "number" ? cursor : 0;
    let finished = false;
    try {
      for (let i = start; i < this.pages.length; i++) {
        if (this.failAtPage?.index === i) throw this.failAtPage.error;
        const page = this.pages[i];
        if (!page) continue;
        this.onPage?.(i);
        yield page;
      }
      finished = true;
    } finally {
      if (!finished) this.closedEarly = true;
    }
  }
}

export function rec(nativeKey: string, extra: Partial<ActionRecordInput> = {}): PageItem {
  return {
    kind: "record",
    record: { nativeKey, title: `Action ${nativeKey}`, status: "todo", ...extra },
    origin: { location: `test ${nativeKey}`, nativeKey },
  };
}

/** Page i of a script: its cursor is the index of the next page, like an offset-paged API. */
export function page(index: number, items: PageItem[], extra: Partial<SyncPage> = {}): SyncPage {
  return { items, cursor: index + 1, ...extra };
}
