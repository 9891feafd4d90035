import net from 'node:net';
import { randomUUID } from 'node:crypto';
import { Long, MongoClient, type Collection } from 'mongodb';
import { ConversationState, TestAdapter, type Storage } from 'botbuilder';
import {
  MONGO_SCHEMA_VERSION,
  MongoStorage,
  TTL_INDEX,
  type MongoStorageOptions,
  type StateDocument,
} from '../../src/storage/mongo-storage';
import { mongoUriProblem } from '../../src/storage/mongo-uri';
import { toStorageId } from '../../src/storage/storage-common';
import { ETAG_NEW, StorageConflictError } from '../../src/storage/storage-types';
import { FakeMongoServer } from './fake-mongo-server';
import { describeWithMongo } from './mongo-test-server';
import { runStorageConformance } from './storage-conformance';

const HOUR = 60 * 60 * 1000;
const DB = 'roadmap-test';

/** A TCP port with nothing listening on it (taken, then released). */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function eventually(check: () => Promise<unknown>, withinMs: number): Promise<void> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (e) {
      if (Date.now() > deadline) throw e;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

describe('MongoStorage without a server', () => {
  const valid: MongoStorageOptions = {
    uri: 'mongodb://127.0.0.1:1/?directConnection=true',
    dbName: 'roadmap',
    collection: 'state',
    ttlMs: HOUR,
  };
  const opened: MongoStorage[] = [];
  const open = (opts: Partial<MongoStorageOptions> = {}) => {
    const store = MongoStorage.create({ ...valid, ...opts });
    opened.push(store);
    return store;
  };
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
  });

  it('rejects invalid options with a message naming the option, never the connection string', () => {
    expect(() => open({ uri: 'http://user:hunter2@host' })).toThrow(/mongodb:\/\/ or mongodb\+srv:\/\//);
    expect(() => open({ uri: 'mongodb://user:hunter2@host:99999' })).toThrow(/connection string/);
    expect(() => open({ uri: 'mongodb://user:hunter2@host:99999' })).not.toThrow(/hunter2/);
    expect(() => open({ dbName: 'a.b' })).toThrow(/dbName/);
    expect(() => open({ dbName: '' })).toThrow(/dbName/);
    expect(() => open({ collection: 'system.users' })).toThrow(/collection/);
    expect(() => open({ collection: '$x' })).toThrow(/collection/);
    expect(() => open({ ttlMs: 0 })).toThrow(/ttlMs/);
    expect(() => open({ maxPoolSize: 0 })).toThrow(/maxPoolSize/);
    expect(() => open({ timeoutMs: 1.5 })).toThrow(/timeoutMs/);
  });

  it('mongoUriProblem accepts standard and SRV strings, and explains the others without echoing them', () => {
    expect(mongoUriProblem('mongodb://localhost:27017')).toBeUndefined();
    expect(mongoUriProblem('mongodb://u:p@a:1,b:2/db?replicaSet=rs0&tls=true')).toBeUndefined();
    expect(mongoUriProblem('mongodb+srv://u:p@cluster0.example.net/db')).toBeUndefined();
    for (const bad of ['', 'localhost:27017', 'mongodb://', 'mongodb://u:s3cret@h/?noSuchOption=1']) {
      const problem = mongoUriProblem(bad);
      expect(problem).toEqual(expect.any(String));
      expect(problem).not.toMatch(/s3cret/);
    }
  });

  it('is created while MongoDB is down; ping and operations fail fast with errors, not conflicts', async () => {
    const errors: Error[] = [];
    const store = open({
      uri: `mongodb://127.0.0.1:${await freePort()}/?directConnection=true`,
      timeoutMs: 300,
      onBackgroundError: (e) => errors.push(e),
    });
    const started = Date.now();
    await expect(store.ping()).rejects.toThrow();
    for (const op of [
      () => store.read(['k']),
      () => store.write({ k: { n: 1 } }),
      () => store.delete(['k']),
    ]) {
      const error = await op().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expect(error).not.toBeInstanceOf(StorageConflictError);
    }
    expect(Date.now() - started).toBeLessThan(5000);
    // Argument checks still come first, and sweeping relies on the TTL index: no server needed.
    await expect(store.read(null as unknown as string[])).rejects.toThrow(/keys/i);
    await expect(store.read([])).resolves.toEqual({});
    await expect(store.sweepExpired()).resolves.toBe(0);
    await eventually(async () => expect(errors.length).toBeGreaterThan(0), 3000);
  });

  it('refuses to work once closed', async () => {
    const store = open();
    await store.close();
    await store.close(); // twice is fine
    await expect(store.ping()).rejects.toThrow(/closed/);
    await expect(store.read(['k'])).rejects.toThrow(/closed/);
  });

  describe('reconnection (against a stand-in that only speaks the handshake, ping and createIndexes)', () => {
    let fake: FakeMongoServer | undefined;
    afterEach(async () => {
      await fake?.stop();
      fake = undefined;
    });

    it('becomes ready by itself when MongoDB comes up after start, and again after an outage', async () => {
      const port = await freePort();
      const store = open({
        uri: `mongodb://127.0.0.1:${port}/?directConnection=true`,
        ttlMs: 30 * 24 * HOUR,
        timeoutMs: 400,
        clientOptions: { heartbeatFrequencyMS: 500 },
      });
      // Down at start: not ready, and not stuck that way ("Topology is closed") once it is back.
      await expect(store.ping()).rejects.toThrow();
      await expect(store.ping()).rejects.toThrow();

      fake = await FakeMongoServer.start(port);
      await eventually(() => store.ping(), 5000);
      // The TTL index is created in the background once the server is reachable.
      await eventually(async () => expect(fake!.names()).toContain('createIndexes'), 5000);
      const createIndexes = fake.commands.find((c) => 'createIndexes' in c)!;
      expect(createIndexes).toMatchObject({
        createIndexes: 'state',
        indexes: [{ key: { ts: 1 }, name: TTL_INDEX, expireAfterSeconds: 30 * 24 * 60 * 60 }],
      });

      await fake.stop();
      fake = undefined;
      await eventually(() => expect(store.ping()).rejects.toThrow(), 5000);
      fake = await FakeMongoServer.start(port);
      await eventually(() => store.ping(), 5000);
    }, 20_000);
  });
});

describe('MongoStorage: the commands it sends and how it reads the answers (stand-in server)', () => {
  let fake: FakeMongoServer;
  let store: MongoStorage;
  const duplicateKey = {
    ok: 1,
    n: 0,
    writeErrors: [{ index: 0, code: 11000, errmsg: 'E11000 duplicate key' }],
  };
  const sent = (name: string) => fake.commands.filter((c) => name in c);

  beforeEach(async () => {
    fake = await FakeMongoServer.start();
    store = MongoStorage.create({
      uri: `mongodb://127.0.0.1:${fake.port}/?directConnection=true`,
      dbName: 'roadmap',
      collection: 'state',
      ttlMs: HOUR,
      now: () => Date.UTC(2025, 5, 1),
    });
    fake.answers.set('update', (c) => ({ ok: 1, n: (c.updates as unknown[]).length, nModified: 1 }));
    fake.answers.set('insert', (c) => ({ ok: 1, n: (c.documents as unknown[]).length }));
    fake.answers.set('delete', () => ({ ok: 1, n: 1 }));
  });
  afterEach(async () => {
    await store.close();
    await fake.stop();
  });

  it('writes with the eTag read as one conditional replace (no upsert); nothing matched is a conflict', async () => {
    await store.write({ 'conv/1': { eTag: 'e1', context: { answers: { 'boss.share': 'absence' } } } });
    const [update] = sent('update');
    expect(update).toMatchObject({ update: 'state', $db: 'roadmap' });
    expect(update!.updates).toEqual([
      {
        q: { _id: 'k:conv/1', eTag: 'e1' },
        u: {
          _id: 'k:conv/1',
          key: 'conv/1',
          schemaVersion: MONGO_SCHEMA_VERSION,
          eTag: expect.stringMatching(/^[0-9a-f-]{36}$/),
          ts: new Date(Date.UTC(2025, 5, 1)),
          item: { context: { answers: { 'boss%2Eshare': 'absence' } } },
        },
      },
    ]);

    // The key is gone or has another eTag: nothing matched.
    fake.answers.set('update', () => ({ ok: 1, n: 0, nModified: 0 }));
    const error = await store.write({ 'conv/1': { eTag: 'e1', n: 2 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageConflictError);
    expect(error).toMatchObject({ key: 'conv/1' });
  });

  it("creates with ETAG_NEW by insertOne (a duplicate key is a conflict), and writes '*' by an upsert on _id", async () => {
    await store.write({ a: { eTag: ETAG_NEW, n: 1 } });
    expect(sent('insert')[0]!.documents).toEqual([expect.objectContaining({ _id: 'k:a', item: { n: 1 } })]);
    fake.answers.set('insert', () => duplicateKey);
    await expect(store.write({ a: { eTag: ETAG_NEW, n: 1 } })).rejects.toThrow(/already exists/);
    await expect(store.write({ a: { eTag: ETAG_NEW, n: 1 } })).rejects.toBeInstanceOf(StorageConflictError);

    await store.write({ b: { eTag: '*', n: 1 }, c: { n: 2 } });
    const upserts = sent('update').flatMap((c) => c.updates as { q: unknown; upsert: boolean }[]);
    expect(upserts).toEqual([
      expect.objectContaining({ q: { _id: 'k:b' }, upsert: true }),
      expect.objectContaining({ q: { _id: 'k:c' }, upsert: true }),
    ]);
  });

  it('sends nothing unconditional of a batch once a conditional write conflicted', async () => {
    fake.answers.set('update', (c) =>
      (c.updates as { q: { eTag?: string } }[])[0]!.q.eTag ? duplicateKey : { ok: 1, n: 1 },
    );
    await expect(
      store.write({ user: { eTag: '*', lang: 'nl' }, conv: { eTag: 'stale', n: 1 } }),
    ).rejects.toBeInstanceOf(StorageConflictError);
    expect(sent('update').map((c) => (c.updates as { q: unknown }[])[0]!.q)).toEqual([
      { _id: 'k:conv', eTag: 'stale' },
    ]);
  });

  it('reads by _id with $in and decodes the documents; deletes by _id at once', async () => {
    const long = 'x'.repeat(300);
    fake.answers.set('find', () => ({
      ok: 1,
      cursor: {
        id: Long.ZERO, // an int64, as a server sends it
        ns: 'roadmap.state',
        firstBatch: [
          {
            _id: 'k:a',
            key: 'a',
            schemaVersion: 1,
            eTag: 'e-a',
            ts: new Date(),
            item: { 'boss%2Eshare': 'x', '%24v': [{ 'a%2Eb': 1 }] },
          },
          { _id: toStorageId(long), key: long, schemaVersion: 1, eTag: 'e-long', ts: new Date(), item: {} },
        ],
      },
    }));
    const read = await store.read(['a', long, 'missing']);
    expect(sent('find')[0]).toMatchObject({
      find: 'state',
      filter: { _id: { $in: ['k:a', toStorageId(long), 'k:missing'] } },
    });
    expect(read).toEqual({
      a: { 'boss.share': 'x', $v: [{ 'a.b': 1 }], eTag: 'e-a' },
      [long]: { eTag: 'e-long' },
    });

    await store.delete(['a', long]);
    expect(sent('delete')[0]!.deletes).toEqual([
      { q: { _id: { $in: ['k:a', toStorageId(long)] } }, limit: 0 },
    ]);
  });
});

describeWithMongo('MongoStorage against MongoDB', (uri) => {
  let client: MongoClient;
  beforeAll(async () => {
    client = await MongoClient.connect(uri());
  });
  afterAll(async () => {
    await client.db(DB).dropDatabase();
    await client.close();
  });

  /** A store on a collection of its own, so every test starts empty. */
  function openStore(opts: Partial<MongoStorageOptions> = {}): {
    store: MongoStorage;
    raw: Collection<StateDocument>;
    collection: string;
  } {
    const collection = opts.collection ?? `state-${randomUUID()}`;
    const store = MongoStorage.create({ uri: uri(), dbName: DB, collection, ttlMs: HOUR, ...opts });
    return { store, raw: client.db(DB).collection<StateDocument>(collection), collection };
  }

  runStorageConformance('MongoStorage', async () => {
    const { store, raw } = openStore();
    return {
      store,
      cleanup: async () => {
        await store.close();
        await raw.drop().catch(() => undefined);
      },
    };
  });

  describe('MongoStorage specifics', () => {
    const opened: MongoStorage[] = [];
    const open = (opts: Partial<MongoStorageOptions> = {}) => {
      const made = openStore(opts);
      opened.push(made.store);
      return made;
    };
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((store) => store.close()));
    });

    it('is assignable to botbuilder Storage and works under ConversationState', async () => {
      const storage: Storage = open().store;
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

    it('stores plain BSON with encoded field names, the original key and a schema version', async () => {
      const now = Date.UTC(2025, 0, 2, 3, 4, 5);
      const { store, raw } = open({ now: () => now });
      const longKey = 'conv/' + 'x'.repeat(300);
      const item = { context: { answers: { 'boss.share': 'absence' }, savedTips: ['t1'] }, $set: 1 };
      await store.write({ 'conv/emulator/1': item, [longKey]: { n: 1 } });

      const doc = await raw.findOne({ _id: 'k:conv/emulator/1' });
      expect(doc).toEqual({
        _id: 'k:conv/emulator/1',
        key: 'conv/emulator/1',
        schemaVersion: MONGO_SCHEMA_VERSION,
        eTag: expect.any(String),
        ts: new Date(now),
        item: { context: { answers: { 'boss%2Eshare': 'absence' }, savedTips: ['t1'] }, '%24set': 1 },
      });
      const hashed = await raw.findOne({ key: longKey });
      expect(hashed?._id).toBe(toStorageId(longKey));
      expect(hashed?._id).toMatch(/^h:[0-9a-f]{64}$/);
      expect((await store.read(['conv/emulator/1']))['conv/emulator/1']).toEqual({
        ...item,
        eTag: doc!.eTag,
      });
    });

    it('creates the TTL index at start-up and adjusts it when the retention changes; a server without TTL indexes (FerretDB) is told once and swept by the store', async () => {
      const notices: string[] = [];
      let now = Date.parse('2026-12-01T00:00:00Z');
      const { store, raw, collection } = open({
        ttlMs: 30 * 24 * HOUR,
        onNotice: (m) => notices.push(m),
        now: () => now,
      });
      await store.ensureIndexes();
      const ttl = async () => (await raw.indexes()).find((i) => i.name === TTL_INDEX);
      if (!store.expiresItself) {
        expect(await ttl()).toMatchObject({ key: { ts: 1 }, expireAfterSeconds: 30 * 24 * 3600 });
        const again = open({ collection, ttlMs: 7 * 24 * HOUR }).store;
        await again.ensureIndexes();
        expect(await ttl()).toMatchObject({ key: { ts: 1 }, expireAfterSeconds: 7 * 24 * 3600 });
        expect(await store.sweepExpired()).toBe(0);
        return;
      }
      // No TTL index here: said once, and expired documents are deleted by the store's sweep.
      console.log(`MongoDB-compatible server without TTL indexes: ${notices.join(' | ')}`);
      expect(await ttl()).toBeUndefined();
      expect(notices.filter((n) => /without TTL indexes/.test(n))).toHaveLength(1);
      await store.write({ old: { n: 1 } });
      now += 20 * 24 * HOUR;
      await store.write({ recent: { n: 2 } });
      now += 11 * 24 * HOUR; // "old" was last written 31 days ago, "recent" 11 days ago
      expect(await store.sweepExpired()).toBeGreaterThanOrEqual(1);
      expect(Object.keys(await store.read(['old', 'recent']))).toEqual(['recent']);
    });

    it('removes documents at once on delete', async () => {
      const { store, raw } = open();
      await store.write({ a: { n: 1 }, b: { n: 2 } });
      await store.delete(['a', 'b']);
      expect(await raw.countDocuments()).toBe(0);
    });

    it('refuses to read a document of an unknown schema version', async () => {
      const { store, raw } = open();
      await store.write({ k: { n: 1 } });
      await raw.updateOne({ _id: 'k:k' }, { $set: { schemaVersion: 99 } });
      await expect(store.read(['k'])).rejects.toThrow(/schema version 99/);
    });

    it('pings', async () => {
      await expect(open().store.ping()).resolves.toBeUndefined();
    });

    it('gives optimistic increments from two clients (two instances) exactly once each', async () => {
      const { store: first, collection } = open();
      const { store: second } = open({ collection });
      await first.write({ counter: { n: 0 } });
      const increments = 100;
      let conflicts = 0;
      const run = async (store: MongoStorage) => {
        for (let done = 0; done < increments;) {
          const current = (await store.read(['counter'])).counter;
          try {
            await store.write({ counter: { ...current, n: current.n + 1 } });
            done++;
          } catch (e) {
            if (!(e instanceof StorageConflictError)) throw e;
            conflicts++;
          }
        }
      };
      await Promise.all([run(first), run(second), run(first), run(second)]);
      expect((await first.read(['counter'])).counter).toMatchObject({ n: 4 * increments });
      console.log(`MongoDB increments from two clients: ${conflicts} conflicts`);
    });

    it('lets one of two clients create a key with ETAG_NEW', async () => {
      const { store: first, collection } = open();
      const { store: second } = open({ collection });
      const results = await Promise.allSettled([
        first.write({ k: { eTag: ETAG_NEW, by: 'first' } }),
        second.write({ k: { eTag: ETAG_NEW, by: 'second' } }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const winner = results[0]!.status === 'fulfilled' ? 'first' : 'second';
      expect((await first.read(['k'])).k).toMatchObject({ by: winner });
    });
  });
});
