import { MemoryStorage } from 'botbuilder';
import { guardStorage } from '../../src/storage/guarded-storage';
import { LmdbStorage } from '../../src/storage/lmdb-storage';
import type { ManagedStorage, StoreItems } from '../../src/storage/storage-types';
import { tempDir } from '../helpers/http-bot';
import { runStorageConformance } from './storage-conformance';

/**
 * The storage contract (botbuilder's own storage test cases re-created, plus ours) against botbuilder's
 * MemoryStorage as the control, and against the guarded wrapper the bot runs every store behind. LmdbStorage
 * and MongoStorage run the same suite in their own files.
 */
function managedMemory(): ManagedStorage {
  const memory = new MemoryStorage();
  return {
    read: (keys: string[]) => memory.read(keys),
    write: (changes: StoreItems) => memory.write(changes),
    delete: (keys: string[]) => memory.delete(keys),
    close: async () => undefined,
    ping: async () => undefined,
    sweepExpired: async () => 0,
  };
}

runStorageConformance(
  'MemoryStorage (botbuilder, the control)',
  async () => ({ store: managedMemory(), cleanup: async () => undefined }),
  { control: true },
);

runStorageConformance('guardStorage(LmdbStorage)', async () => {
  const inner = LmdbStorage.open({ path: tempDir(), ttlMs: 60 * 60 * 1000 });
  const store = guardStorage(inner, { timeoutMs: 5000 });
  return { store, cleanup: () => store.close() };
});
