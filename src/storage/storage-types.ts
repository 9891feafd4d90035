// The storage contract, structurally identical to botbuilder-core's `Storage`, `StoreItem` and
// `StoreItems`, so any implementation here can be handed to ConversationState/UserState without
// this folder importing botbuilder (botbuilder stays at the edge).

/** One stored item. `eTag` is set by the store on every successful write. */
export interface StoreItem {
  eTag?: string;
  [key: string]: unknown;
}

/** Items by key. `any` matches botbuilder-core's `StoreItems` exactly, so the two are interchangeable. */
export interface StoreItems {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- must match botbuilder-core's StoreItems
  [key: string]: any;
}

/**
 * An eTag that means "insert only if absent": the write succeeds only when the key does not exist (or has
 * expired), and rejects with {@link StorageConflictError} otherwise. Not a botbuilder convention: the bot's
 * own state layer uses it to create a conversation, so two racing first turns cannot both create it.
 */
export const ETAG_NEW = '!new';

/**
 * botbuilder's storage conventions, as its MemoryStorage keeps them: `read` omits missing keys and `read([])`
 * is `{}`; `write({})` and `write([])` resolve without writing; no keys or no changes at all (`null`,
 * `undefined`) reject with a ReferenceError; `write` is unconditional when the eTag is missing, empty or
 * '*', otherwise the stored eTag must match or it rejects with {@link StorageConflictError}; `delete` of an
 * unknown key succeeds. In addition, an item written with {@link ETAG_NEW} is inserted only if its key is
 * absent.
 *
 * Where these stores deliberately differ from MemoryStorage:
 * - a write with an eTag (other than '*') to a key that no longer exists is refused with
 *   {@link StorageConflictError} — MemoryStorage writes it as new. An item deleted since it was read ("delete
 *   my data") must not come back with the next write of a turn that was under way;
 * - a batch that conflicts writes nothing unconditional: when a conditional write of the batch conflicts,
 *   LmdbStorage writes nothing of the batch (one transaction); MongoStorage (no multi-document transactions
 *   without a replica set) keeps only the conditional writes made before the conflicting one, and writes
 *   none of the unconditional ones. MemoryStorage writes every item before the conflicting one.
 */
export interface Storage {
  read(keys: string[]): Promise<StoreItems>;
  write(changes: StoreItems): Promise<void>;
  delete(keys: string[]): Promise<void>;
}

/** A storage the composition root owns: it can be health-checked, swept and closed. */
export interface ManagedStorage extends Storage {
  /** Releases the underlying database; the store is unusable afterwards. */
  close(): Promise<void>;
  /** Resolves when the store can serve requests, rejects otherwise. */
  ping(): Promise<void>;
  /** Removes items whose last write is older than the retention period; returns how many were removed. */
  sweepExpired(now?: number): Promise<number>;
}

/** A write whose eTag no longer matches the stored item (someone else wrote it first). */
export class StorageConflictError extends Error {
  override readonly name = 'StorageConflictError';

  constructor(
    readonly key: string,
    message = `Storage: error writing "${key}" due to eTag conflict.`,
  ) {
    super(message);
  }
}
