import type { Storage } from '../../storage/storage-types';
import type { DlPersistence, DlSnapshot } from './conversation-store';

/**
 * The self-hosted Direct Line's conversations kept in the bot's configured store (lmdb, or MongoDB when
 * set), one item per conversation under `dl/conv/<id>`: what a restarted or second process needs to resume
 * it at the same watermark. Unconditional writes: one process at a time serves a conversation's turns
 * (its saves are chained), and the last save holds the whole transcript.
 */
export function storedConversations(storage: Storage): DlPersistence {
  const key = (id: string) => `dl/conv/${id}`;
  return {
    async save(snapshot) {
      await storage.write({ [key(snapshot.id)]: { ...snapshot, eTag: '*' } });
    },
    async load(id) {
      const item = (await storage.read([key(id)]))[key(id)] as (DlSnapshot & { eTag?: string }) | undefined;
      if (!item) return undefined;
      const { eTag: _eTag, ...snapshot } = item;
      return snapshot;
    },
    async remove(id) {
      await storage.delete([key(id)]);
    },
  };
}
