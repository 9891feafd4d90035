import { randomUUID } from 'node:crypto';
import {
  MongoClient,
  MongoError,
  MongoServerError,
  type Collection,
  type Db,
  type Document,
  type MongoClientOptions,
} from 'mongodb';
import { decodeFields, encodeFields } from './bson-fields';
import { COLLECTION_PATTERN, COLLECTION_RULE, DB_NAME_PATTERN, DB_NAME_RULE } from './mongo-names';
import { mongoUriProblem } from './mongo-uri';
import { alreadyExists, assertChanges, assertKeys, isUnconditional, toStorageId } from './storage-common';
import { ETAG_NEW, StorageConflictError, type ManagedStorage, type StoreItems } from './storage-types';

export interface MongoStorageOptions {
  /** `mongodb://…` or `mongodb+srv://…`; credentials, TLS and replica set options go here. */
  uri: string;
  /** Database name. */
  dbName: string;
  /** Collection name. */
  collection: string;
  /** Retention: documents not written for this long are removed by MongoDB's TTL index. */
  ttlMs: number;
  /** Connections per instance; default 20. */
  maxPoolSize?: number;
  /** Upper bound for connecting, selecting a server, waiting for a pooled connection and socket reads; default 5000. */
  timeoutMs?: number;
  /** How long ping() may take before the store is reported unavailable; default min(1000, timeoutMs). */
  pingTimeoutMs?: number;
  /** Clock in ms since the epoch (the last-write date of documents); injectable for tests. */
  now?: () => number;
  /** Told about failures of the background index creation (which is retried); default: ignored. */
  onBackgroundError?: (error: Error) => void;
  /**
   * Told once, at start-up, what the server cannot do and how the store makes up for it (a server without
   * TTL indexes, such as FerretDB or Azure Cosmos DB for MongoDB: the store sweeps expired documents itself;
   * FerretDB: conditional writes are made atomic with claims). Default: ignored.
   */
  onNotice?: (message: string) => void;
  /** Extra driver options, for tests (e.g. heartbeat frequency). */
  clientOptions?: MongoClientOptions;
}

/** Version of the document layout below; written into every document, checked on every read. */
export const MONGO_SCHEMA_VERSION = 1;
/** Name of the TTL index on the last-write date. */
export const TTL_INDEX = 'ts_ttl';

/**
 * One document per key. The caller's fields sit under `item`, so they can never clash with the metadata,
 * as plain BSON (no JSON strings), with field names encoded by {@link encodeFields}.
 */
export interface StateDocument {
  /** toStorageId(key): the key itself when short (prefixed `k:`), a SHA-256 (`h:`) otherwise. */
  _id: string;
  /** The caller's key, as given. */
  key: string;
  schemaVersion: number;
  eTag: string;
  /** Time of the last write; the TTL index expires documents `expireAfterSeconds` after it. */
  ts: Date;
  item: Document;
}

const DUPLICATE_KEY = 11000;
const INDEX_OPTIONS_CONFLICT = 85;
/** "Not implemented" (FerretDB), "command not supported" and the like: the server cannot do this. */
const UNSUPPORTED_CODES = new Set([115, 238, 303]);
const unsupported = (e: unknown) =>
  e instanceof MongoServerError &&
  (UNSUPPORTED_CODES.has(Number(e.code)) || /not (yet )?(implemented|supported)/i.test(e.message));
const DEFAULT_POOL = 20;
const DEFAULT_TIMEOUT_MS = 5000;
const RETRY_MIN_MS = 1000;
const RETRY_MAX_MS = 60_000;

const isDuplicateKey = (e: unknown) => e instanceof MongoServerError && e.code === DUPLICATE_KEY;

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`MongoStorage: ${what} took longer than ${ms} ms.`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * botbuilder `Storage` on MongoDB (the official driver). Every write of a key is one atomic operation, never
 * a read followed by a write:
 * - an eTag from a read: `replaceOne({ _id, eTag }, doc, { upsert: true })`. If the key exists with another
 *   eTag, the filter matches nothing and the upsert's insert hits the unique `_id`: a duplicate-key error,
 *   reported as {@link StorageConflictError}. If the key does not exist the item is written as new
 *   (botbuilder's rule for new items);
 * - `'*'`, an empty eTag or none: an unconditional upsert;
 * - {@link ETAG_NEW}: `insertOne`, a duplicate key being a conflict.
 *
 * A batch is not one transaction (that needs a replica set): the conditional writes of a batch are made
 * first, one by one, and the unconditional ones only when none of them conflicted. So when a turn's
 * conversation write loses a race, nothing of that turn is written.
 *
 * The client connects lazily and reconnects by itself; the store can be created while MongoDB is down
 * (operations then fail after `timeoutMs`, ping() after `pingTimeoutMs`). The TTL index is created at
 * start-up, in the background, retried until it succeeds.
 */
export class MongoStorage implements ManagedStorage {
  private readonly client: MongoClient;
  private readonly db: Db;
  private readonly collection: Collection<StateDocument>;
  private readonly expireAfterSeconds: number;
  private readonly pingTimeoutMs: number;
  private readonly timeoutMs: number;
  private readonly now: () => number;
  private readonly onBackgroundError: (error: Error) => void;
  private closed = false;
  private connected = false;
  private connecting: Promise<void> | undefined;
  private indexed = false;
  private indexing: Promise<void> | undefined;
  /** The server has no TTL index: sweepExpired() deletes what is older than the retention. */
  private selfExpiring = false;
  /**
   * The server does not make `replaceOne({ _id, eTag })` atomic against another write of the same key
   * (FerretDB 1.x): each conditional write first claims the eTag it replaces, with an insert into the
   * claims collection whose unique `_id` lets exactly one writer have it.
   */
  private claims: Collection<{ _id: string; ts: Date }> | undefined;
  private capabilities: Promise<void> | undefined;
  private retryTimer: NodeJS.Timeout | undefined;

  private constructor(private readonly opts: MongoStorageOptions) {
    const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.timeoutMs = timeoutMs;
    this.client = new MongoClient(opts.uri, {
      appName: 'iknowhow-roadmap-bot',
      maxPoolSize: opts.maxPoolSize ?? DEFAULT_POOL,
      serverSelectionTimeoutMS: timeoutMs,
      connectTimeoutMS: timeoutMs,
      socketTimeoutMS: timeoutMs,
      waitQueueTimeoutMS: timeoutMs,
      // Reads go to the primary (the default): a secondary could hand out an old eTag.
      ...opts.clientOptions,
    });
    this.db = this.client.db(opts.dbName);
    this.collection = this.db.collection<StateDocument>(opts.collection);
    this.expireAfterSeconds = Math.max(1, Math.round(opts.ttlMs / 1000));
    this.pingTimeoutMs = opts.pingTimeoutMs ?? Math.min(1000, timeoutMs);
    this.now = opts.now ?? Date.now;
    this.onBackgroundError = opts.onBackgroundError ?? (() => undefined);
  }

  /** Creates the store without waiting for MongoDB, and starts creating the indexes in the background. */
  static create(opts: MongoStorageOptions): MongoStorage {
    const problem = typeof opts?.uri === 'string' ? mongoUriProblem(opts.uri) : 'is required';
    if (problem) throw new Error(`MongoStorage: the connection string ${problem}.`);
    if (typeof opts.dbName !== 'string' || !DB_NAME_PATTERN.test(opts.dbName)) {
      throw new Error(`MongoStorage: dbName ${DB_NAME_RULE}.`);
    }
    if (typeof opts.collection !== 'string' || !COLLECTION_PATTERN.test(opts.collection)) {
      throw new Error(`MongoStorage: collection ${COLLECTION_RULE}.`);
    }
    if (typeof opts.ttlMs !== 'number' || !(opts.ttlMs >= 1000)) {
      throw new Error('MongoStorage: ttlMs must be at least 1000 milliseconds.');
    }
    for (const name of ['maxPoolSize', 'timeoutMs', 'pingTimeoutMs'] as const) {
      const value = opts[name];
      if (value !== undefined && !(Number.isInteger(value) && value > 0)) {
        throw new Error(`MongoStorage: ${name} must be a positive integer.`);
      }
    }
    const store = new MongoStorage(opts);
    store.indexInBackground(RETRY_MIN_MS);
    return store;
  }

  async read(keys: string[]): Promise<StoreItems> {
    assertKeys(keys, 'reading');
    const items: StoreItems = {};
    if (keys.length === 0) return items;
    const collection = await this.connection();
    const byId = new Map(keys.map((key) => [toStorageId(key), key]));
    const docs = await collection.find({ _id: { $in: [...byId.keys()] } }).toArray();
    for (const doc of docs) {
      const key = byId.get(doc._id);
      if (key === undefined || doc.key !== key) continue; // not ours (a hash collision is not expected)
      if (doc.schemaVersion !== MONGO_SCHEMA_VERSION) {
        throw new Error(
          `MongoStorage: the document for "${key}" has schema version ${String(doc.schemaVersion)}; this version reads ${MONGO_SCHEMA_VERSION}.`,
        );
      }
      items[key] = { ...(decodeFields(doc.item) as Record<string, unknown>), eTag: doc.eTag };
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    assertChanges(changes);
    const entries = Object.entries(changes);
    if (entries.length === 0) return;
    const collection = await this.connection();
    await this.detectServer();
    const ts = new Date(this.now());
    const planned = entries.map(([key, change]) => {
      const { eTag, ...item } = change;
      const doc: StateDocument = {
        _id: toStorageId(key),
        key,
        schemaVersion: MONGO_SCHEMA_VERSION,
        eTag: randomUUID(),
        ts,
        item: encodeFields(item) as Document,
      };
      return { key, eTag: eTag as unknown, doc };
    });
    // Conditional writes first, in order, stopping at the first conflict; then the unconditional ones.
    for (const { key, eTag, doc } of planned) {
      if (isUnconditional(eTag)) continue;
      try {
        if (eTag === ETAG_NEW) await collection.insertOne(doc);
        else {
          const claim = this.claims ? await this.claim(`${doc._id}\n${eTag as string}`, ts) : undefined;
          try {
            // No upsert: an item deleted since it was read ("delete my data") must not come back.
            const r = await collection.replaceOne({ _id: doc._id, eTag: eTag as string }, doc);
            if (r.matchedCount === 0) throw new StorageConflictError(key);
          } finally {
            // Done with (replaced, or refused): a later writer from the same read no longer matches anyway.
            if (claim) await claim.release();
          }
        }
      } catch (e) {
        if (e instanceof StorageConflictError) throw e;
        if (!isDuplicateKey(e)) throw e;
        throw eTag === ETAG_NEW ? alreadyExists(key) : new StorageConflictError(key);
      }
    }
    await Promise.all(
      planned
        .filter(({ eTag }) => isUnconditional(eTag))
        .map(async ({ doc }) => {
          const upsert = () => collection.replaceOne({ _id: doc._id }, doc, { upsert: true });
          // Two upserts of a new key can race to insert it; the loser sees a duplicate key. Servers since
          // 4.2 retry that themselves; once more here for the others.
          await upsert().catch((e: unknown) => (isDuplicateKey(e) ? upsert() : Promise.reject(e)));
        }),
    );
  }

  async delete(keys: string[]): Promise<void> {
    assertKeys(keys, 'deleting');
    if (keys.length === 0) return;
    const collection = await this.connection();
    await collection.deleteMany({ _id: { $in: keys.map(toStorageId) } });
  }

  /**
   * With MongoDB nothing to do: its TTL monitor removes documents `expireAfterSeconds` after their last
   * write (about once a minute), with the index created at start-up; 0, without touching the server. On a
   * server without TTL indexes (found at start-up), deletes the documents (and eTag claims) not written
   * for longer than the retention, and returns how many.
   */
  async sweepExpired(): Promise<number> {
    // Claims are released after each write; one left by a writer that died goes after a few minutes.
    const c = this.claims
      ? await this.claims.deleteMany({ ts: { $lt: new Date(this.now() - 10 * 60_000) } })
      : { deletedCount: 0 };
    if (!this.selfExpiring) return c.deletedCount;
    const collection = await this.connection();
    const before = new Date(this.now() - this.expireAfterSeconds * 1000);
    const r = await collection.deleteMany({ ts: { $lt: before } });
    return r.deletedCount + c.deletedCount;
  }

  /** True once start-up found a server without TTL indexes: sweepExpired() then does the expiry. */
  get expiresItself(): boolean {
    return this.selfExpiring;
  }

  /** Resolves when MongoDB answers a ping within `pingTimeoutMs`. */
  async ping(): Promise<void> {
    this.assertOpen();
    await withTimeout(
      (async () => {
        await this.connection();
        await this.db.command({ ping: 1 });
      })(),
      this.pingTimeoutMs,
      'ping',
    );
  }

  /**
   * Creates the indexes if they are missing: the TTL index on the last-write date, with `expireAfterSeconds`
   * from the retention (changed in place when the retention was changed). Called at start-up; idempotent.
   */
  async ensureIndexes(): Promise<void> {
    if (this.indexed) return;
    this.indexing ??= (async () => {
      const collection = await this.connection();
      await this.detectServer();
      const spec = { name: TTL_INDEX, expireAfterSeconds: this.expireAfterSeconds };
      try {
        await collection.createIndex({ ts: 1 }, spec);
      } catch (e) {
        if (unsupported(e)) {
          this.selfExpiring = true;
          await collection.createIndex({ ts: 1 }, { name: `${TTL_INDEX}_plain` }).catch(() => undefined);
          this.opts.onNotice?.(
            `MongoDB-compatible server without TTL indexes (${(e as Error).message}): documents older than the retention are deleted by the store's own periodic sweep.`,
          );
        } else {
          if (!(e instanceof MongoServerError && e.code === INDEX_OPTIONS_CONFLICT)) throw e;
          await this.db.command({ collMod: this.opts.collection, index: spec });
        }
      }
      this.indexed = true;
    })().finally(() => {
      this.indexing = undefined;
    });
    return this.indexing;
  }

  /**
   * Claims the eTag a conditional write replaces (FerretDB): the unique `_id` lets one writer have it; the
   * others get a duplicate key (a conflict). A claim left by a writer that died between claim and replace is
   * taken over once it is older than twice the operation timeout, so no conversation stays locked.
   */
  private async claim(id: string, ts: Date): Promise<{ release(): Promise<void> }> {
    const claims = this.claims as Collection<{ _id: string; ts: Date }>;
    try {
      await claims.insertOne({ _id: id, ts });
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
      const stale = new Date(this.now() - 2 * this.timeoutMs);
      const taken = await claims.updateOne({ _id: id, ts: { $lt: stale } }, { $set: { ts } });
      if (taken.modifiedCount !== 1) throw e;
    }
    return {
      release: () =>
        claims.deleteOne({ _id: id, ts }).then(
          () => undefined,
          () => undefined,
        ),
    };
  }

  /**
   * Reads what the server is (once): FerretDB says so in `buildInfo` (`ferretdb`/`ferretdbVersion`). Its 1.x
   * versions do not make a filtered replace atomic against a concurrent one, so conditional writes claim
   * their eTag first (see {@link claims}). Also waited for by the first write, so no write goes unclaimed.
   */
  private detectServer(): Promise<void> {
    this.capabilities ??= (async () => {
      // A server that refuses buildInfo is taken for MongoDB (a network failure is thrown, and tried again).
      const info = await this.db
        .admin()
        .command({ buildInfo: 1 })
        .catch((e: unknown): Promise<Document> =>
          e instanceof MongoServerError ? Promise.resolve({}) : Promise.reject(e),
        );
      const ferret = info.ferretdb ?? info.ferretdbVersion ?? info.ferretdbFeatures;
      if (ferret !== undefined) {
        this.claims = this.db.collection(`${this.opts.collection}_claims`);
        this.opts.onNotice?.(
          `FerretDB ${String(typeof ferret === 'object' && ferret && 'version' in ferret ? (ferret as { version: unknown }).version : (info.ferretdbVersion ?? info.version))}: conditional writes claim their eTag first (collection ${this.opts.collection}_claims), so exactly one of several writes from the same read wins.`,
        );
      }
    })().catch((e: unknown) => {
      this.capabilities = undefined;
      throw e;
    });
    return this.capabilities;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.retryTimer);
    await this.client.close();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('MongoStorage: the store is closed.');
  }

  /**
   * The collection, once the client is connected. The driver's own auto-connect does not recover from a
   * first connection that failed (the client keeps a closed topology: "Topology is closed"), so the store
   * connects explicitly and tries again on the next call until it succeeds. Once connected, the driver
   * follows the servers by itself: an outage later on makes operations fail until MongoDB is back.
   */
  private async connection(): Promise<Collection<StateDocument>> {
    this.assertOpen();
    if (!this.connected) {
      this.connecting ??= this.client
        .connect()
        .then(() => {
          this.connected = true;
        })
        .finally(() => {
          this.connecting = undefined;
        });
      await this.connecting;
    }
    return this.collection;
  }

  private indexInBackground(delayMs: number): void {
    if (this.closed || this.indexed) return;
    this.ensureIndexes().catch((e: unknown) => {
      if (this.closed) return;
      this.onBackgroundError(e instanceof Error ? e : new MongoError(String(e)));
      this.retryTimer = setTimeout(
        () => this.indexInBackground(Math.min(delayMs * 2, RETRY_MAX_MS)),
        delayMs,
      );
      this.retryTimer.unref();
    });
  }
}
