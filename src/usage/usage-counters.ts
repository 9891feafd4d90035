import { ETAG_NEW, StorageConflictError, type Storage } from '../storage/storage-types';
import { counterKey, type UsageDims, type UsageEvent } from './usage-events';

/**
 * Anonymous counters in daily buckets, one stored item per day (`usage/2026-12-04`: `{ day, counts }`,
 * counts by {@link counterKey}). Events are added up in memory and written every `flushMs` (and on close)
 * as an optimistic increment: read the bucket, add, write with its eTag, again on a conflict — so several
 * instances on one store never lose a count. A turn only adds to a map: the store is not on its path.
 */
export interface UsageBucket {
  day: string;
  counts: Record<string, number>;
}

export const bucketKey = (day: string) => `usage/${day}`;
export const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

const ATTEMPTS = 10;

export class UsageCounters {
  private pending = new Map<string, Map<string, number>>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly storage: Storage,
    private readonly now: () => number,
    private readonly onError: (error: Error) => void = () => undefined,
    flushMs = 10_000,
  ) {
    if (flushMs > 0) {
      this.timer = setInterval(() => void this.flush(), flushMs);
      this.timer.unref();
    }
  }

  record(events: readonly UsageEvent[], dims: UsageDims): void {
    if (!events.length) return;
    const day = dayOf(this.now());
    let counts = this.pending.get(day);
    if (!counts) this.pending.set(day, (counts = new Map()));
    for (const e of events) {
      const key = counterKey(e, dims);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }

  /** Writes what was counted so far (one at a time); a failed write keeps its counts for the next flush. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.flushNow());
    return this.flushing;
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  private async flushNow(): Promise<void> {
    const batches = this.pending;
    this.pending = new Map();
    for (const [day, counts] of batches) {
      try {
        await this.add(day, counts);
      } catch (e) {
        // Kept: added back, written with the next flush.
        const again = this.pending.get(day) ?? new Map<string, number>();
        for (const [k, n] of counts) again.set(k, (again.get(k) ?? 0) + n);
        this.pending.set(day, again);
        this.onError(e as Error);
      }
    }
  }

  private async add(day: string, counts: Map<string, number>): Promise<void> {
    const key = bucketKey(day);
    for (let attempt = 1; ; attempt++) {
      const stored = (await this.storage.read([key]))[key] as (UsageBucket & { eTag?: string }) | undefined;
      const merged: Record<string, number> = { ...(stored?.counts ?? {}) };
      for (const [k, n] of counts) merged[k] = (merged[k] ?? 0) + n;
      try {
        await this.storage.write({ [key]: { day, counts: merged, eTag: stored?.eTag ?? ETAG_NEW } });
        return;
      } catch (e) {
        if (!(e instanceof StorageConflictError) || attempt >= ATTEMPTS) throw e;
      }
    }
  }
}

/** The buckets of the days from `from` to `to` (inclusive, YYYY-MM-DD). */
export async function readBuckets(storage: Storage, from: string, to: string): Promise<UsageBucket[]> {
  const days: string[] = [];
  for (let d = new Date(`${from}T00:00:00Z`); dayOf(d.getTime()) <= to; d.setUTCDate(d.getUTCDate() + 1))
    days.push(dayOf(d.getTime()));
  const items = await storage.read(days.map(bucketKey));
  return days.flatMap((day) => {
    const b = items[bucketKey(day)] as UsageBucket | undefined;
    return b ? [{ day, counts: b.counts }] : [];
  });
}
