import type { SyncProgress } from "../../sync/index.js";

export type Write = (text: string) => void;

/**
 * Sync progress: a line redrawn in place on a terminal, one plain line per page otherwise (logs, CI, pipes),
 * so nothing unreadable lands in a file.
 */
export function syncProgressReporter(write: Write, isTty: boolean): (p: SyncProgress) => void {
  return (p) => {
    const text = `${p.instance}: page ${p.pages}, ${p.inserted} new, ${p.updated} changed, ${p.unchanged} unchanged, ${p.quarantined} quarantined`;
    if (isTty) write(`\r\x1b[2K${text}`);
    else write(`${text}\n`);
  };
}

/** Ends a redrawn progress line so the next output starts on its own line. */
export function endProgress(write: Write, isTty: boolean): void {
  if (isTty) write("\r\x1b[2K");
}
