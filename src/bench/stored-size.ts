import path from 'node:path';
import { LmdbStorage, openItems } from '../storage/lmdb-storage';
import { toStorageId } from '../storage/storage-common';
import { newConversations, type Conversation } from './conversation';
import { dirSize } from './dir-size';
import { errorsOf, runLoad } from './http-load';
import type { Rng } from './rng';
import { startBot } from './servers';
import { max, mean } from './stats';

/**
 * Stored bytes per conversation in the embedded store (DATA_DIR/state), read after the bot has stopped:
 * per conversation, its conversation item and its user item (language and country), measured
 *  - as the app sees them: JSON.stringify of what LmdbStorage.read returns (with the eTag);
 *  - as lmdb keeps them: key bytes + the encoded value bytes (JSON record with our metadata);
 * and the pages of the B-tree (used pages × page size) divided by the number of conversations.
 */
export interface StoredSize {
  conversations: number;
  found: number;
  jsonMean: number;
  jsonMax: number;
  storedMean: number;
  storedMax: number;
  treeBytes: number;
  treeBytesPerConversation: number;
  entries: number;
}

interface TreeStats {
  pageSize: number;
  treeBranchPageCount: number;
  treeLeafPageCount: number;
  overflowPages: number;
  entryCount: number;
}

const keysOf = (c: Conversation) => [`conv/emulator/${c.id}`, `user/emulator/${c.user}`];
const utf8 = (s: string) => Buffer.byteLength(s, 'utf8');

export async function measureStoredSize(dataDir: string, conversations: Conversation[]): Promise<StoredSize> {
  const statePath = path.join(dataDir, 'state');
  const storage = LmdbStorage.open({ path: statePath, ttlMs: 365 * 24 * 3600 * 1000 });
  const json: number[] = [];
  try {
    for (const c of conversations) {
      const items = await storage.read(keysOf(c));
      if (Object.keys(items).length)
        json.push(Object.values(items).reduce((n, v) => n + utf8(JSON.stringify(v)), 0));
    }
  } finally {
    await storage.close();
  }
  const { root, items: db } = openItems(statePath);
  try {
    const stored = conversations
      .map((c) =>
        keysOf(c).reduce((n, key) => {
          const id = toStorageId(key);
          const value = db.getBinary(id);
          return value ? n + utf8(id) + value.length : n;
        }, 0),
      )
      .filter((n) => n > 0);
    const s = db.getStats() as TreeStats;
    const treeBytes = (s.treeBranchPageCount + s.treeLeafPageCount + s.overflowPages) * s.pageSize;
    return {
      conversations: conversations.length,
      found: json.length,
      jsonMean: mean(json),
      jsonMax: max(json),
      storedMean: mean(stored),
      storedMax: max(stored),
      treeBytes,
      treeBytesPerConversation: treeBytes / conversations.length,
      entries: s.entryCount,
    };
  } finally {
    await root.close();
  }
}

export interface StoredSizeOptions {
  conversations: number;
  turnsPerConversation: number;
  connections: number;
  rng: Rng;
  config?: Record<string, string>;
}

/** Drives conversations through HTTP for a number of turns each, stops the bot, then measures its store. */
export async function benchStoredSize(
  o: StoredSizeOptions,
): Promise<StoredSize & { errors: number; dataDir: { apparent: number; allocated: number } }> {
  const bot = await startBot({ config: o.config });
  const conversations = newConversations('size', o.conversations, o.rng);
  try {
    const load = await runLoad({
      url: bot.url,
      connections: o.connections,
      conversations,
      amount: o.conversations * o.turnsPerConversation,
      rng: o.rng,
    });
    await bot.stop();
    return {
      ...(await measureStoredSize(bot.dataDir, conversations)),
      errors: errorsOf(load),
      dataDir: dirSize(bot.dataDir),
    };
  } finally {
    await bot.stop();
    bot.removeData();
  }
}
