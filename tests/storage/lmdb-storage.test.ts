import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConversationState, TestAdapter, type Storage } from 'botbuilder';
import { open } from 'lmdb';
import { toStorageId } from '../../src/storage/storage-common';
import { ITEMS_DB, LmdbStorage } from '../../src/storage/lmdb-storage';
import { ETAG_NEW, StorageConflictError } from '../../src/storage/storage-types';
import { runStorageConformance } from './storage-conformance';

const HOUR = 60 * 60 * 1000;

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'lmdb-storage-'));
}

function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

runStorageConformance('LmdbStorage', async () => {
  const dir = tempDir();
  const store = LmdbStorage.open({ path: dir, ttlMs: HOUR });
  return {
    store,
    cleanup: async () => {
      await store.close();
      removeDir(dir);
    },
  };
});

describe('LmdbStorage', () => {
  let dir: string;
  const opened: LmdbStorage[] = [];

  function openStore(opts: { ttlMs?: number; now?: () => number; at?: string } = {}): LmdbStorage {
    const store = LmdbStorage.open({ path: opts.at ?? dir, ttlMs: opts.ttlMs ?? HOUR, now: opts.now });
    opened.push(store);
    return store;
  }

  beforeEach(() => {
    dir = tempDir();
  });

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
    removeDir(dir);
  });

  it('is assignable to botbuilder Storage and works under ConversationState', async () => {
    const storage: Storage = openStore();
    const conversationState = new ConversationState(storage);
    const turns = conversationState.createProperty<number>('turns');
    const adapter = new TestAdapter(async (context) => {
      const count = (await turns.get(context, 0)) + 1;
      await turns.set(context, count);
      await conversationState.saveChanges(context);
      await context.sendActivity(`turn ${count}`);
    });
    await adapter.send('hi').assertReply('turn 1').send('again').assertReply('turn 2').startTest();
  });

  it('creates the database directory if it is missing', async () => {
    const nested = path.join(dir, 'a', 'b');
    const store = openStore({ at: nested });
    await store.write({ k: { n: 1 } });
    expect(fs.existsSync(nested)).toBe(true);
  });

  it('rejects invalid options', () => {
    expect(() => LmdbStorage.open({ path: '', ttlMs: HOUR })).toThrow(/path/);
    expect(() => LmdbStorage.open({ path: dir, ttlMs: 0 })).toThrow(/ttlMs/);
    expect(() => LmdbStorage.open({ path: dir, ttlMs: Number.NaN })).toThrow(/ttlMs/);
  });

  it('rejects an item that is not an object', async () => {
    const store = openStore();
    await expect(store.write({ k: null })).rejects.toThrow(/"k" must be an object/);
    await expect(store.write({ k: 'text' })).rejects.toThrow(/"k" must be an object/);
  });

  it('keeps the metadata to itself, and user fields named like it intact', async () => {
    const store = openStore();
    await store.write({ k: { key: 'mine', ts: 'mine', item: 'mine', _ts: 1 } });
    expect((await store.read(['k'])).k).toEqual({
      key: 'mine',
      ts: 'mine',
      item: 'mine',
      _ts: 1,
      eTag: expect.any(String),
    });
  });

  it('keeps keys apart that contain different lone surrogates', async () => {
    const store = openStore();
    await store.write({ '\uD800': { v: 1 }, '\uDBFF': { v: 2 }, '\uFFFD': { v: 3 } });
    const read = await store.read(['\uD800', '\uDBFF', '\uFFFD']);
    expect([read['\uD800'].v, read['\uDBFF'].v, read['\uFFFD'].v]).toEqual([1, 2, 3]);
  });

  it('keeps data across close and reopen', async () => {
    const first = openStore();
    await first.write({ 'conversation/1': { flow: { step: 'intro' } } });
    const { eTag } = (await first.read(['conversation/1']))['conversation/1'];
    await first.close();
    await expect(first.read(['conversation/1'])).rejects.toThrow(/closed/);

    const second = openStore();
    await expect(second.ping()).resolves.toBeUndefined();
    expect((await second.read(['conversation/1']))['conversation/1']).toEqual({
      flow: { step: 'intro' },
      eTag,
    });
  });

  it('moves the items an earlier version kept in the root database (msgpack) into the JSON one', async () => {
    // The layout of earlier versions: StoredRecords under k:/h: keys of the root database, msgpack.
    const legacy = open({ path: dir, compression: false });
    const longKey = `conversation/${'x'.repeat(600)}`; // stored under an h: hash
    const record = (key: string, ts: number, item: object) => ({ key, eTag: `etag-${key.length}`, ts, item });
    await legacy.put(toStorageId('conversation/1'), record('conversation/1', Date.now(), { state: 'a.b' }));
    await legacy.put(toStorageId(longKey), record(longKey, Date.now(), { state: 'c.d' }));
    await legacy.put(toStorageId('conversation/old'), record('conversation/old', Date.now() - 2 * HOUR, {}));
    await legacy.close();

    const store = openStore();
    const items = await store.read(['conversation/1', longKey, 'conversation/old']);
    expect(items).toEqual({
      'conversation/1': { state: 'a.b', eTag: 'etag-14' },
      [longKey]: { state: 'c.d', eTag: `etag-${longKey.length}` },
    }); // the expired one kept its time, so it is still expired
    await store.write({ 'conversation/1': { state: 'a.c', eTag: 'etag-14' } }); // its eTag still holds
    expect(await store.sweepExpired()).toBe(1);
    await store.close();

    const root = open({ path: dir, compression: false });
    try {
      // Nothing left in the old place (the root keeps only the name of the items database).
      expect(
        root.getKeysCount({ start: 'k:', end: 'k;' }) + root.getKeysCount({ start: 'h:', end: 'h;' }),
      ).toBe(0);
      expect(root.openDB({ name: ITEMS_DB, encoding: 'json' }).getKeysCount()).toBe(2);
    } finally {
      await root.close();
    }
    expect((await openStore().read(['conversation/1']))['conversation/1']).toMatchObject({ state: 'a.c' });
  });

  describe('retention', () => {
    const ttlMs = 10_000;
    let clock: number;
    let store: LmdbStorage;

    beforeEach(() => {
      clock = 1_000_000;
      store = openStore({ ttlMs, now: () => clock });
    });

    it('treats an item older than ttlMs as missing', async () => {
      await store.write({ k: { n: 1 } });
      clock += ttlMs;
      expect(await store.read(['k'])).toHaveProperty('k');
      clock += 1;
      await expect(store.read(['k'])).resolves.toEqual({});
    });

    it('counts retention from the last write', async () => {
      await store.write({ k: { n: 1 } });
      clock += ttlMs - 1;
      await store.write({ k: { n: 2 } });
      clock += ttlMs - 1;
      expect((await store.read(['k'])).k).toMatchObject({ n: 2 });
    });

    it('treats an expired item as absent: its old eTag conflicts, an unconditional write creates it', async () => {
      await store.write({ k: { n: 1 } });
      const stale = (await store.read(['k'])).k;
      clock += ttlMs + 1;
      await expect(store.write({ k: { ...stale, n: 2 } })).rejects.toBeInstanceOf(StorageConflictError);
      await store.write({ k: { n: 3 } });
      expect((await store.read(['k'])).k).toMatchObject({ n: 3 });
    });

    it('creates over an expired item with ETAG_NEW, as the item counts as absent', async () => {
      await store.write({ k: { n: 1 } });
      await expect(store.write({ k: { eTag: ETAG_NEW, n: 2 } })).rejects.toBeInstanceOf(StorageConflictError);
      clock += ttlMs + 1;
      await store.write({ k: { eTag: ETAG_NEW, n: 3 } });
      expect((await store.read(['k'])).k).toMatchObject({ n: 3 });
    });

    it('sweepExpired removes only expired items and returns how many', async () => {
      await store.write({ old1: { n: 1 }, old2: { n: 2 }, ['x'.repeat(3000)]: { n: 3 } });
      clock += ttlMs / 2;
      await store.write({ recent: { n: 4 } });
      clock += ttlMs / 2 + 1;

      await expect(store.sweepExpired()).resolves.toBe(3);
      await expect(store.sweepExpired()).resolves.toBe(0);
      // An explicit `now` wins over the clock; the item is gone for good, even with the clock rewound.
      await expect(store.sweepExpired(clock + ttlMs)).resolves.toBe(1);
      clock = 0;
      await expect(store.read(['old1', 'old2', 'x'.repeat(3000), 'recent'])).resolves.toEqual({});
    });
  });

  it('gives optimistic increments from two processes exactly once each', async () => {
    const key = 'shared/counter';
    const increments = 200;
    await openStore().write({ [key]: { n: 0 } });

    const child = path.join(__dirname, 'increment-counter.child.js');
    const runChild = () =>
      new Promise<{ conflicts: number }>((resolve, reject) => {
        let report: { conflicts: number } | undefined;
        const proc = fork(child, [dir, key, String(increments)], { stdio: 'inherit' });
        // A livelocked retry loop must fail the test, not outlive it.
        const deadline = setTimeout(() => proc.kill('SIGKILL'), 15_000);
        proc.on('message', (message) => (report = message as { conflicts: number }));
        proc.on('error', reject);
        proc.on('exit', (code, signal) => {
          clearTimeout(deadline);
          if (code === 0 && report) resolve(report);
          else reject(new Error(`child exited with ${signal ?? code}`));
        });
      });

    const reports = await Promise.all([runChild(), runChild()]);

    const store = openStore();
    expect((await store.read([key]))[key]).toMatchObject({ n: 2 * increments });
    // Not asserted (timing-dependent), but shows the conflict path was exercised.
    console.log(
      `cross-process increments: conflicts per child ${reports.map((r) => r.conflicts).join(', ')}`,
    );
  }, 20_000);

  // LMDB-specific: the whole batch is one transaction (not in the shared suite, as MongoDB needs a
  // replica set for multi-document transactions).
  it('writes nothing of a batch when one key conflicts', async () => {
    const store = openStore();
    await store.write({ conflicting: { n: 1 } });
    const stale = (await store.read(['conflicting'])).conflicting;
    await store.write({ conflicting: { ...stale, n: 2 } });
    await expect(
      store.write({ before: { n: 1 }, conflicting: { ...stale, n: 3 }, after: { n: 1 } }),
    ).rejects.toBeInstanceOf(StorageConflictError);
    const read = await store.read(['before', 'conflicting', 'after']);
    expect(Object.keys(read)).toEqual(['conflicting']);
    expect(read.conflicting).toMatchObject({ n: 2 });
  });

  it('throws StorageConflictError that callers can tell apart', async () => {
    const store = openStore();
    await store.write({ k: { n: 1 } });
    const error = await store.write({ k: { eTag: 'stale', n: 2 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageConflictError);
    expect(error).toBeInstanceOf(Error);
    expect((error as StorageConflictError).message).toMatch(/"k".*eTag conflict/);
  });
});
