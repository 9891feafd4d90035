import { randomUUID } from 'node:crypto';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { open, type Database, type RootDatabase } from 'lmdb';
import {
  alreadyExists,
  assertChanges,
  assertKeys,
  isUnconditional,
  toStorageId as toDbKey,
} from './storage-common';
import { ETAG_NEW, StorageConflictError, type ManagedStorage, type StoreItems } from './storage-types';

export interface LmdbStorageOptions {
  /** Database directory, created if missing. Several processes on one machine may open the same path. */
  path: string;
  /** Retention: an item whose last write is older than this is treated as missing and is swept. */
  ttlMs: number;
  /** Clock in ms since the epoch; injectable for tests. Defaults to Date.now. */
  now?: () => number;
}

/**
 * What is stored per lmdb key. The caller's fields sit under `item` (not flattened next to ours) so a
 * user field can never clash with the metadata.
 */
interface StoredRecord {
  /** The caller's key, kept because long keys are stored under a hash. */
  key: string;
  eTag: string;
  /** Time of the last write, ms since the epoch. */
  ts: number;
  item: Record<string, unknown>;
}

// Items removed per write transaction when sweeping, so other writers are not locked out for long.
const SWEEP_BATCH = 500;
// Outside the `k:`/`h:` namespaces of toStorageId: never written, only read by ping().
const PING_KEY = 'ping';
/** The named database that holds the items, as JSON. */
export const ITEMS_DB = 'items';
// Earlier versions kept the items in the root database, encoded with msgpack: the `k:`/`h:` keys there
// (the root also holds the names of the named databases, outside these ranges). New objects on every
// call: lmdb-js keeps iteration state in the options object it is given.
const legacyRanges = () => [
  { start: 'k:', end: 'k;' },
  { start: 'h:', end: 'h;' },
];

/**
 * Opens the environment at `path` and its items database. Values are JSON: a turn reads and writes one
 * conversation of about a kilobyte, and JSON.parse / JSON.stringify cost less CPU for that than msgpack
 * records (measured with the in-process turn loop: about 30–40 µs less per turn), as the item shapes vary
 * (answers, saved tips). Items left in the root database by an earlier version are moved over once.
 */
export function openItems(path: string): { root: RootDatabase; items: Database<StoredRecord, string> } {
  const root = open({ path, compression: false });
  const items = root.openDB<StoredRecord, string>({ name: ITEMS_DB, encoding: 'json', compression: false });
  moveLegacyItems(root, items);
  return { root, items };
}

function moveLegacyItems(root: RootDatabase, items: Database<StoredRecord, string>): void {
  if (legacyRanges().every((range) => root.getKeysCount(range) === 0)) return;
  // One write transaction (other processes wait for it): all moved or none. An item already written
  // in the new database (by a newer process) wins over its legacy copy.
  root.transactionSync(() => {
    const legacy = legacyRanges().flatMap((range) => [...root.getRange(range)]);
    for (const { key, value } of legacy) {
      const id = String(key);
      if (items.get(id) === undefined) items.putSync(id, value as StoredRecord);
      root.removeSync(key);
    }
  });
}

/**
 * botbuilder `Storage` on an embedded LMDB database (items as JSON, see openItems). Every write batch runs
 * in one LMDB write transaction; LMDB has a single writer lock shared by all processes on the machine, so the eTag checks and
 * the puts are atomic across processes, and a batch is all or nothing. Commits are flushed to disk before
 * write() resolves.
 */
export class LmdbStorage implements ManagedStorage {
  private closed = false;

  private constructor(
    private readonly root: RootDatabase,
    private readonly db: Database<StoredRecord, string>,
    private readonly ttlMs: number,
    private readonly now: () => number,
  ) {}

  static open(opts: LmdbStorageOptions): LmdbStorage {
    if (typeof opts?.path !== 'string' || opts.path === '') {
      throw new Error('LmdbStorage: a path is required.');
    }
    if (typeof opts.ttlMs !== 'number' || !(opts.ttlMs > 0)) {
      throw new Error('LmdbStorage: ttlMs must be a positive number of milliseconds.');
    }
    if (opts.now !== undefined && typeof opts.now !== 'function') {
      throw new Error('LmdbStorage: now must be a function.');
    }
    // No lmdb versions (useVersions): the eTag lives in the value and is checked under the write lock.
    const { root, items } = openItems(opts.path);
    return new LmdbStorage(root, items, opts.ttlMs, opts.now ?? Date.now);
  }

  async read(keys: string[]): Promise<StoreItems> {
    assertKeys(keys, 'reading');
    const items: StoreItems = {};
    if (keys.length === 0) return items;
    this.assertOpen();
    // lmdb-js reuses one read snapshot until the next macrotask; a caller retrying after a conflict in the
    // same turn would see stale data forever, so each read starts from the latest commit of any process.
    this.db.resetReadTxn();
    const now = this.now();
    for (const key of keys) {
      const record = this.liveRecord(toDbKey(key), now);
      if (record) items[key] = { ...record.item, eTag: record.eTag };
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    assertChanges(changes);
    const entries = Object.entries(changes);
    if (entries.length === 0) return;
    this.assertOpen();
    const now = this.now();
    // An asynchronous transaction: lmdb groups the writes of concurrent turns into one commit, made off
    // the main thread (transactionSync made every turn wait for its own flush to disk, and every other
    // turn with it). Throwing in the callback does not undo puts already made, so every eTag of the batch
    // is checked first and nothing is put when one conflicts: a batch is all or nothing.
    await this.db.transaction(() => {
      for (const [key, change] of entries) {
        const { eTag } = change;
        if (isUnconditional(eTag)) continue;
        // Read inside the write transaction: it sees the latest commit of any process. An expired item
        // counts as absent. A write carrying the eTag it read finds the item gone when it was deleted
        // meanwhile ("delete my data"): a conflict, so a racing turn cannot bring deleted data back.
        const current = this.liveRecord(toDbKey(key), now);
        if (current && eTag === ETAG_NEW) throw alreadyExists(key);
        if (!current && eTag !== ETAG_NEW) throw new StorageConflictError(key);
        if (current && current.eTag !== eTag) throw new StorageConflictError(key);
      }
      for (const [key, change] of entries) {
        const { eTag: _ignored, ...item } = change;
        void this.db.put(toDbKey(key), { key, eTag: randomUUID(), ts: now, item });
      }
    });
  }

  async delete(keys: string[]): Promise<void> {
    assertKeys(keys, 'deleting');
    if (keys.length === 0) return;
    this.assertOpen();
    await this.db.transaction(() => {
      for (const key of keys) void this.db.remove(toDbKey(key));
    });
  }

  async sweepExpired(now: number = this.now()): Promise<number> {
    this.assertOpen();
    const candidates: string[] = [];
    this.db.resetReadTxn();
    for (const { key, value } of this.db.getRange()) {
      if (this.isExpired(value, now)) candidates.push(key);
    }
    let removed = 0;
    for (let i = 0; i < candidates.length; i += SWEEP_BATCH) {
      const batch = candidates.slice(i, i + SWEEP_BATCH);
      // Check again under the write lock: another process may have rewritten the item since the scan.
      removed += this.db.transactionSync(
        () =>
          batch.filter((dbKey) => this.isExpired(this.db.get(dbKey), now) && this.db.removeSync(dbKey))
            .length,
      );
      await yieldToEventLoop();
    }
    return removed;
  }

  async ping(): Promise<void> {
    this.assertOpen();
    this.db.doesExist(PING_KEY); // throws if the environment is unusable
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.root.close();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('LmdbStorage: the database is closed.');
  }

  private liveRecord(dbKey: string, now: number): StoredRecord | undefined {
    const record = this.db.get(dbKey);
    return record === undefined || this.isExpired(record, now) ? undefined : record;
  }

  private isExpired(record: StoredRecord | undefined, now: number): boolean {
    // Entries of unknown shape (not written by this class) are left alone.
    return typeof record?.ts === 'number' && now - record.ts > this.ttlMs;
  }
}
