import { ConversationState, TestAdapter } from 'botbuilder';
import {
  DialogSet,
  DialogTurnStatus,
  TextPrompt,
  WaterfallDialog,
  type DialogState,
} from 'botbuilder-dialogs';
import {
  ETAG_NEW,
  StorageConflictError,
  type ManagedStorage,
  type StoreItems,
} from '../../src/storage/storage-types';

export interface StoreUnderTest {
  store: ManagedStorage;
  cleanup: () => Promise<void>;
}

// Keys a Bot Framework store must accept: punctuation, path separators, quotes, non-ASCII, very long.
const SPECIAL_KEY = '!@#$%^&*()~/\\><,.?\';"`~';
const NON_ASCII_KEY = 'ключ-日本-é';
const LONG_KEY = 'x'.repeat(4991) + '-long-key'; // 5000 characters

/**
 * The behaviour every `ManagedStorage` must share (botbuilder's Storage conventions plus typed conflicts).
 * Each test gets a fresh, empty store from `makeStore`.
 */
export function runStorageConformance(
  name: string,
  makeStore: () => Promise<StoreUnderTest>,
  /**
   * `control`: botbuilder's own MemoryStorage, run as the control. It answers a conflict with a plain Error,
   * and where our stores deliberately differ (see the Storage interface comment) the control's own
   * behaviour is asserted instead, so each difference stays visible.
   */
  opts: { control?: boolean } = {},
): void {
  const control = opts.control === true;
  /** A conflict: StorageConflictError from our stores, botbuilder's "eTag conflict" Error from the control. */
  function expectConflictError(error: unknown): void {
    if (control) expect(String(error)).toMatch(/conflict/i);
    else expect(error).toBeInstanceOf(StorageConflictError);
  }
  async function expectConflict(write: Promise<unknown>): Promise<void> {
    const error = await write.then(
      () => new Error('the write succeeded'),
      (e: unknown) => e,
    );
    expectConflictError(error);
  }
  describe(`${name} (storage conformance)`, () => {
    let store: ManagedStorage;
    let cleanup: () => Promise<void>;

    beforeEach(async () => {
      ({ store, cleanup } = await makeStore());
    });

    afterEach(async () => {
      await cleanup();
    });

    /** Writes unconditionally and returns the item as read back (with its eTag). */
    async function put(key: string, item: Record<string, unknown>): Promise<StoreItems> {
      await store.write({ [key]: item });
      const read = await store.read([key]);
      expect(read[key]).toBeDefined();
      return read[key];
    }

    describe('read', () => {
      it('returns {} for unknown keys', async () => {
        await expect(store.read(['missing', 'also-missing'])).resolves.toEqual({});
      });

      it('returns {} for an empty set of keys', async () => {
        await expect(store.read([])).resolves.toEqual({});
      });

      it('omits missing keys and returns the existing ones with their eTag', async () => {
        await store.write({ a: { n: 1 } });
        const read = await store.read(['a', 'missing']);
        expect(Object.keys(read)).toEqual(['a']);
        expect(read.a).toEqual({ n: 1, eTag: expect.any(String) });
      });

      it.each([null, undefined])(
        'rejects %p keys with a ReferenceError, as MemoryStorage does',
        async (keys) => {
          const error = await store.read(keys as unknown as string[]).catch((e: unknown) => e);
          expect(error).toBeInstanceOf(ReferenceError);
          expect(String(error)).toMatch(/keys/i);
        },
      );
    });

    describe('write', () => {
      it('does nothing for an empty set of changes, {} or [] (as MemoryStorage and Cosmos)', async () => {
        await expect(store.write({})).resolves.toBeUndefined();
        await expect(store.write([] as unknown as StoreItems)).resolves.toBeUndefined();
      });

      it.each([null, undefined])(
        'rejects %p changes with a ReferenceError, as MemoryStorage does',
        async (changes) => {
          const error = await store.write(changes as unknown as StoreItems).catch((e: unknown) => e);
          expect(error).toBeInstanceOf(ReferenceError);
          expect(String(error)).toMatch(/changes/i);
        },
      );

      it('round-trips nested objects', async () => {
        const item = {
          text: 'héllo',
          count: 42,
          ratio: 0.25,
          flag: false,
          nothing: null,
          list: [1, 'two', { three: 3 }, [4]],
          nested: { deeper: { deepest: ['a', { b: 'c' }] }, empty: {} },
        };
        const read = await put('nested', item);
        expect(read).toEqual({ ...item, eTag: expect.any(String) });
      });

      it.each([
        ['special characters', SPECIAL_KEY],
        ['non-ASCII characters', NON_ASCII_KEY],
        ['5000 characters', LONG_KEY],
      ])('accepts a key with %s', async (_label, key) => {
        expect(await put(key, { value: key })).toEqual({ value: key, eTag: expect.any(String) });
        await expect(store.read(['x'.repeat(5000)])).resolves.toEqual({});
        await store.delete([key]);
        await expect(store.read([key])).resolves.toEqual({});
      });

      it('keeps keys that differ only beyond a long common prefix apart', async () => {
        const a = LONG_KEY + 'a';
        const b = LONG_KEY + 'b';
        await store.write({ [a]: { v: 'a' }, [b]: { v: 'b' } });
        const read = await store.read([a, b]);
        expect(read[a]).toMatchObject({ v: 'a' });
        expect(read[b]).toMatchObject({ v: 'b' });
      });

      it('gives every write a new eTag', async () => {
        const seen = new Set<string>();
        let current = await put('k', { n: 0 });
        seen.add(current.eTag);
        for (let n = 1; n <= 3; n++) {
          await store.write({ k: { ...current, n } });
          current = (await store.read(['k'])).k;
          expect(current.n).toBe(n);
          expect(seen.has(current.eTag)).toBe(false);
          seen.add(current.eTag);
        }
      });

      it('does not mutate the changes it is given', async () => {
        const change = { eTag: '*', n: 1, nested: { m: 2 } };
        const copy = structuredClone(change);
        await store.write({ k: change });
        expect(change).toEqual(copy);
      });

      it('writes when the eTag matches the stored one', async () => {
        const first = await put('k', { n: 1 });
        await store.write({ k: { ...first, n: 2 } });
        expect((await store.read(['k'])).k).toMatchObject({ n: 2 });
      });

      it('rejects a stale eTag with StorageConflictError and keeps the stored value', async () => {
        const first = await put('k', { n: 1 });
        await store.write({ k: { ...first, n: 2 } });
        const error = await store.write({ k: { ...first, n: 3 } }).catch((e: unknown) => e);
        expectConflictError(error);
        if (!control) expect(error).toMatchObject({ name: 'StorageConflictError', key: 'k' });
        expect((await store.read(['k'])).k).toMatchObject({ n: 2 });
      });

      it('rejects a made-up eTag on an existing item', async () => {
        await put('k', { n: 1 });
        await expectConflict(store.write({ k: { eTag: 'not-the-etag', n: 2 } }));
        expect((await store.read(['k'])).k).toMatchObject({ n: 1 });
      });

      it("overwrites with eTag '*', an empty eTag or none", async () => {
        await put('k', { n: 1 });
        await store.write({ k: { eTag: '*', n: 2 } });
        expect((await store.read(['k'])).k).toMatchObject({ n: 2 });
        await store.write({ k: { eTag: '', n: 3 } });
        expect((await store.read(['k'])).k).toMatchObject({ n: 3 });
        await store.write({ k: { n: 4 } });
        expect((await store.read(['k'])).k).toEqual({ n: 4, eTag: expect.any(String) });
      });

      it('refuses an eTag for a key that does not exist (deleted since it was read) as a conflict', async () => {
        if (control) {
          // Deliberate difference: MemoryStorage writes such an item as new.
          await store.write({ fresh: { eTag: 'some-etag-from-elsewhere', n: 1 } });
          expect((await store.read(['fresh'])).fresh).toMatchObject({ n: 1 });
          return;
        }
        const error = await store
          .write({ fresh: { eTag: 'some-etag-from-elsewhere', n: 1 } })
          .catch((e: unknown) => e);
        expectConflictError(error);
        expect(await store.read(['fresh'])).toEqual({});
        await put('gone', { n: 1 });
        const read = (await store.read(['gone'])).gone;
        await store.delete(['gone']);
        await expectConflict(store.write({ gone: { ...read, n: 2 } }));
        expect(await store.read(['gone'])).toEqual({});
      });

      it('round-trips field names MongoDB refuses: dots, a leading $, %, NUL, empty', async () => {
        const item = {
          answers: { 'boss.share': 'absence', 'boss.support': 'hours' },
          $where: 1,
          a$b: 2,
          '%2E': 'looks encoded',
          '%': 'percent',
          'nul\u0000name': 3,
          '': 'empty',
          nested: [{ 'x.y': { $z: ['.', '$'] } }],
        };
        expect(await put('fields', item)).toEqual({ ...item, eTag: expect.any(String) });
      });

      it('replaces the whole item rather than merging fields', async () => {
        await put('k', { a: 1, b: 2 });
        await store.write({ k: { a: 3 } });
        expect((await store.read(['k'])).k).toEqual({ a: 3, eTag: expect.any(String) });
      });
    });

    describe('insert only if absent (ETAG_NEW)', () => {
      it('creates a missing key, which then has an eTag of its own', async () => {
        await store.write({ k: { eTag: ETAG_NEW, n: 1 } });
        const read = (await store.read(['k'])).k;
        expect(read).toEqual({ n: 1, eTag: expect.any(String) });
        expect(read.eTag).not.toBe(ETAG_NEW);
      });

      it('rejects an existing key with StorageConflictError and keeps the stored value', async () => {
        await put('k', { n: 1 });
        const error = await store.write({ k: { eTag: ETAG_NEW, n: 2 } }).catch((e: unknown) => e);
        expectConflictError(error);
        if (!control) expect(error).toMatchObject({ name: 'StorageConflictError', key: 'k' });
        expect((await store.read(['k'])).k).toMatchObject({ n: 1 });
      });

      it('creates a key again after it was deleted', async () => {
        await put('k', { n: 1 });
        await store.delete(['k']);
        await store.write({ k: { eTag: ETAG_NEW, n: 2 } });
        expect((await store.read(['k'])).k).toMatchObject({ n: 2 });
      });

      it('lets exactly one of several racing creations win', async () => {
        const results = await Promise.allSettled(
          Array.from({ length: 8 }, (_, n) => store.write({ [LONG_KEY]: { eTag: ETAG_NEW, n } })),
        );
        const won = results.flatMap((r, n) => (r.status === 'fulfilled' ? [n] : []));
        expect(won).toHaveLength(1);
        for (const r of results) {
          if (r.status === 'rejected') expectConflictError(r.reason);
        }
        expect((await store.read([LONG_KEY]))[LONG_KEY]).toMatchObject({ n: won[0] });
      });
    });

    describe('concurrency', () => {
      it('lets exactly one of several writes with the same eTag win', async () => {
        const first = await put('k', { n: 0 });
        const results = await Promise.allSettled(
          Array.from({ length: 8 }, (_, n) => store.write({ k: { ...first, n: n + 1 } })),
        );
        const won = results.flatMap((r, n) => (r.status === 'fulfilled' ? [n + 1] : []));
        expect(won).toHaveLength(1);
        for (const r of results) {
          if (r.status === 'rejected') expectConflictError(r.reason);
        }
        expect((await store.read(['k'])).k).toMatchObject({ n: won[0] });
      });

      it('writes nothing unconditional of a batch whose conditional write conflicts', async () => {
        // What a turn relies on: conversation (with its eTag) and user preferences ('*') in one batch.
        const first = await put('conversation', { n: 1 });
        await store.write({ conversation: { ...first, n: 2 } });
        if (control) {
          // Deliberate difference: MemoryStorage writes the items before the conflicting one.
          await expectConflict(
            store.write({ user: { eTag: '*', lang: 'nl' }, conversation: { ...first, n: 3 } }),
          );
          expect((await store.read(['user'])).user).toMatchObject({ lang: 'nl' });
          return;
        }
        await expectConflict(
          store.write({ conversation: { ...first, n: 3 }, user: { eTag: '*', lang: 'nl' } }),
        );
        await expectConflict(
          store.write({ user: { eTag: '*', lang: 'fr' }, conversation: { eTag: ETAG_NEW, n: 4 } }),
        );
        const read = await store.read(['conversation', 'user']);
        expect(Object.keys(read)).toEqual(['conversation']);
        expect(read.conversation).toMatchObject({ n: 2 });
      });
    });

    describe('delete', () => {
      it('succeeds for an unknown key', async () => {
        await expect(store.delete(['never-written'])).resolves.toBeUndefined();
      });

      it('does nothing for an empty set of keys', async () => {
        await put('k', { n: 1 });
        await store.delete([]);
        expect(await store.read(['k'])).toHaveProperty('k');
      });

      it.each([null, undefined])('rejects %p keys with a clear error', async (keys) => {
        const deleting = store.delete(keys as unknown as string[]);
        // MemoryStorage (the control) rejects too, but with a TypeError of its own code.
        if (control) await expect(deleting).rejects.toThrow(TypeError);
        else await expect(deleting).rejects.toThrow(/keys/i);
      });

      it('removes an item, which can then be written again as new (not with its old eTag)', async () => {
        const first = await put('k', { n: 1 });
        await store.delete(['k']);
        await expect(store.read(['k'])).resolves.toEqual({});
        if (control) {
          // Deliberate difference: MemoryStorage takes the old eTag of a deleted item as new.
          await store.write({ k: { ...first, n: 2 } });
          expect((await store.read(['k'])).k).toMatchObject({ n: 2 });
          return;
        }
        await expectConflict(store.write({ k: { ...first, n: 2 } }));
        await store.write({ k: { eTag: ETAG_NEW, n: 3 } });
        expect((await store.read(['k'])).k).toMatchObject({ n: 3 });
      });
    });

    describe('batches', () => {
      it('reads, writes and deletes many keys at once', async () => {
        const keys = Array.from(
          { length: 50 },
          (_, i) => `batch-${i}-${i % 2 ? NON_ASCII_KEY : SPECIAL_KEY}`,
        );
        const changes: StoreItems = Object.fromEntries(keys.map((key, i) => [key, { i, key }]));
        await store.write(changes);

        const read = await store.read([...keys, 'missing']);
        expect(Object.keys(read).sort()).toEqual([...keys].sort());
        keys.forEach((key, i) => expect(read[key]).toEqual({ i, key, eTag: expect.any(String) }));
        expect(new Set(keys.map((key) => read[key].eTag)).size).toBe(keys.length);

        // A batch update with the eTags just read succeeds for every key.
        await store.write(Object.fromEntries(keys.map((key) => [key, { ...read[key], i: -1 }])));
        const updated = await store.read(keys);
        keys.forEach((key) => expect(updated[key]).toMatchObject({ i: -1 }));

        const [kept, ...deleted] = keys;
        await store.delete([...deleted, 'never-written']);
        expect(Object.keys(await store.read(keys))).toEqual([kept]);
      });
    });

    describe('under botbuilder', () => {
      it('carries a waterfall dialog over ConversationState across turns (state re-read from the store each turn)', async () => {
        const adapter = new TestAdapter(async (context) => {
          // A new ConversationState per turn: what the dialog remembers must come back from the store.
          const state = new ConversationState(store);
          const dialogs = new DialogSet(state.createProperty<DialogState>('dialog'));
          dialogs.add(new TextPrompt('text'));
          dialogs.add(
            new WaterfallDialog('plan', [
              async (step) => step.prompt('text', 'Which phase?'),
              async (step) => {
                (step.values as { phase?: unknown }).phase = step.result;
                return step.prompt('text', 'Which country?');
              },
              async (step) => {
                await step.context.sendActivity(
                  `${String((step.values as { phase?: unknown }).phase)} in ${String(step.result)}`,
                );
                return step.endDialog();
              },
            ]),
          );
          const dc = await dialogs.createContext(context);
          const result = await dc.continueDialog();
          if (result.status === DialogTurnStatus.empty) await dc.beginDialog('plan');
          await state.saveChanges(context);
        });
        await adapter
          .send('start')
          .assertReply('Which phase?')
          .send('treatment')
          .assertReply('Which country?')
          .send('BE')
          .assertReply('treatment in BE')
          .startTest();
      });
    });

    describe('lifecycle', () => {
      it('answers ping while open', async () => {
        await expect(store.ping()).resolves.toBeUndefined();
      });
    });
  });
}
