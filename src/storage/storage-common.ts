import { createHash } from 'node:crypto';
import { StorageConflictError } from './storage-types';

/** Helpers every store shares: argument checks, the eTag rules and the mapping of keys to database ids. */

// Keys longer than this (in UTF-8 bytes) are stored under a hash: LMDB rejects keys over ~1978 bytes, and
// some MongoDB services limit the size of `_id` or of index keys.
const MAX_PLAIN_KEY_BYTES = 200;
// A lone UTF-16 surrogate does not survive UTF-8 encoding (it becomes U+FFFD), so two such keys could
// collide; they are hashed from their UTF-16 code units instead, which keeps them distinct.
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Maps a caller's key to the database key: `k:` + the key itself when it is short and valid UTF-8, else
 * `h:` + the SHA-256 of its UTF-16 code units. The prefixes keep plain and hashed keys from ever colliding.
 * The stores keep the original key next to the item.
 */
export function toStorageId(key: string): string {
  if (Buffer.byteLength(key, 'utf8') <= MAX_PLAIN_KEY_BYTES && !LONE_SURROGATE.test(key)) return `k:${key}`;
  return `h:${createHash('sha256').update(key, 'utf16le').digest('hex')}`;
}

/** As botbuilder's MemoryStorage: no keys at all is a ReferenceError (a bad array is an Error). */
export function assertKeys(keys: unknown, action: string): asserts keys is string[] {
  if (keys === null || keys === undefined) throw new ReferenceError(`Keys are required when ${action}.`);
  if (!Array.isArray(keys) || keys.some((key) => typeof key !== 'string')) {
    throw new Error(`Keys must be an array of strings when ${action}.`);
  }
}

/**
 * As botbuilder's MemoryStorage: no changes at all is a ReferenceError; nothing to write (`{}` or `[]`) is
 * not an error, the write just resolves.
 */
export function assertChanges(changes: unknown): asserts changes is Record<string, Record<string, unknown>> {
  if (changes === null || changes === undefined)
    throw new ReferenceError('Changes are required when writing.');
  if (Array.isArray(changes) && changes.length === 0) return;
  if (typeof changes !== 'object' || Array.isArray(changes)) {
    throw new Error('Changes must be an object of items by key when writing.');
  }
  for (const [key, item] of Object.entries(changes)) {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      throw new Error(`Storage: the item for key "${key}" must be an object.`);
    }
  }
}

/** botbuilder's rule: no eTag, an empty one or '*' means "write whatever is stored". */
export function isUnconditional(eTag: unknown): boolean {
  return !eTag || eTag === '*';
}

/** The conflict of a write with ETAG_NEW on a key that exists. */
export function alreadyExists(key: string): StorageConflictError {
  return new StorageConflictError(key, `Storage: "${key}" was to be created but already exists.`);
}
