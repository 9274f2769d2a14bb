/**
 * Remembers webhook deliveries by the id the tool sends (`X-Atlassian-Webhook-Identifier`, `X-GitHub-Delivery`: unchanged across
 * retries) so a retried delivery is processed once. A delivery is claimed while in flight, settled when
 * applied, and released when applying failed, so Jira's retry of a failed delivery is processed again.
 */
export interface DeliveryDedupe {
  /** False when this delivery was already applied or is being applied right now. */
  claim(key: string): boolean;
  settle(key: string): void;
  release(key: string): void;
}

/** In-process log, bounded in size and age. Several server processes need a shared one (e.g. in the store). */
export class InMemoryDeliveryLog implements DeliveryDedupe {
  private readonly done = new Map<string, number>();
  private readonly inFlight = new Set<string>();
  private readonly maxEntries: number;
  private readonly ttlMs: number;
  private readonly now: () => number;

  /** Retries of a delivery arrive within minutes to hours; 36 h of ids covers them with room to spare. */
  constructor(opts: { maxEntries?: number; ttlMs?: number; now?: () => number } = {}) {
    this.maxEntries = opts.maxEntries ?? 50_000;
    this.ttlMs = opts.ttlMs ?? 36 * 3_600_000;
    this.now = opts.now ?? Date.now;
  }

  claim(key: string): boolean {
    const at = this.done.get(key);
    if (at !== undefined && this.now() - at < this.ttlMs) return false;
    if (this.inFlight.has(key)) return false;
    this.inFlight.add(key);
    return true;
  }

  settle(key: string): void {
    this.inFlight.delete(key);
    this.done.delete(key);
    this.done.set(key, this.now());
    this.evict();
  }

  release(key: string): void {
    this.inFlight.delete(key);
  }

  /** Maps iterate in insertion order and settle() re-inserts, so the first entries are the oldest. */
  private evict(): void {
    const cutoff = this.now() - this.ttlMs;
    for (const [key, at] of this.done) {
      if (this.done.size <= this.maxEntries && at >= cutoff) break;
      this.done.delete(key);
    }
  }
}
