import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildContent, type AppContent } from '../../src/content/build-content';
import type { PersistedConversation } from '../../src/engine/types';
import { LmdbStorage } from '../../src/storage/lmdb-storage';
import { ETAG_NEW, type Storage, type StoreItems } from '../../src/storage/storage-types';
import {
  runTurn,
  TURN_ATTEMPTS,
  type RawInput,
  type TurnDeps,
  type TurnResult,
} from '../../src/turn/run-turn';

/**
 * Turns of one conversation racing each other, at the level of runTurn on the embedded store: in one
 * process (a double click, a burst), and from two "instances" (two handles on one store, each with its
 * own in-process ordering, which is what two bot processes are).
 */
let content: AppContent;
let dir: string;
let store: LmdbStorage;

beforeAll(() => {
  content = buildContent();
});
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'run-turn-race-'));
  store = LmdbStorage.open({ path: dir, ttlMs: 60 * 60 * 1000 });
});
afterEach(async () => {
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const keys = { conversation: 'conv/test/race', user: 'user/test/race' };
const hello: RawInput = { kind: 'text', text: 'hello', locale: 'en-GB' };
const saveTip = (tip: string): RawInput => ({ kind: 'payload', value: { kind: 'tip', op: 'save', tip } });

function tipIds(n: number): string[] {
  const ids = [...content.engine.index.tips.keys()].slice(0, n);
  expect(ids).toHaveLength(n);
  return ids;
}

interface WriteLog {
  eTag: unknown;
  ok: boolean;
}

/** Another handle on the same store, as a second bot instance has; it records the conversation writes. */
function instance(base: Storage, log: WriteLog[] = []): Storage & { log: WriteLog[] } {
  return {
    log,
    read: (k) => base.read(k),
    delete: (k) => base.delete(k),
    async write(changes: StoreItems) {
      const eTag = changes[keys.conversation]?.eTag;
      try {
        await base.write(changes);
        if (keys.conversation in changes) log.push({ eTag, ok: true });
      } catch (e) {
        if (keys.conversation in changes) log.push({ eTag, ok: false });
        throw e;
      }
    },
  };
}

function depsFor(storage: Storage): TurnDeps {
  return {
    engine: content.engine,
    storage,
    i18n: content.i18n,
    lexicon: content.lexicon,
    now: () => Date.now(),
    retentionDays: 30,
  };
}

async function savedTips(): Promise<string[]> {
  const conversation = (await store.read([keys.conversation]))[keys.conversation] as PersistedConversation;
  return conversation.context.savedTips;
}

const firstKey = (r: TurnResult) => r.view.messages[0]?.key;

describe('one process', () => {
  it('20 concurrent "save tip" turns of one conversation: each applied exactly once, none refused', async () => {
    const storage = instance(store);
    const deps = depsFor(storage);
    await runTurn(deps, keys, hello);
    const tips = tipIds(20);

    const results = await Promise.all(tips.map((tip) => runTurn(deps, keys, saveTip(tip))));

    expect(results.map((r) => r.outcome)).toEqual(tips.map(() => 'ok'));
    expect(results.map(firstKey)).toEqual(tips.map(() => 'common:tip.saved'));
    // Turns of one conversation run one at a time here: one successful write per turn, no retries.
    expect(storage.log).toHaveLength(21);
    expect(storage.log.every((w) => w.ok)).toBe(true);
    const saved = await savedTips();
    expect([...saved].sort()).toEqual([...tips].sort());
    expect(saved).toEqual(tips); // and in the order they arrived
  });

  it('turns of different conversations do not wait for each other', async () => {
    const deps = depsFor(store);
    const started = Date.now();
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => runTurn(deps, { conversation: `conv/test/many-${i}` }, hello)),
    );
    expect(results.every((r) => r.outcome === 'ok')).toBe(true);
    const read = await store.read(results.map((_, i) => `conv/test/many-${i}`));
    expect(Object.keys(read)).toHaveLength(30);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

describe('two instances on one store', () => {
  it('two racing first turns create the conversation once (insert only if absent)', async () => {
    // Both instances read "no conversation" before either writes.
    let reads = 0;
    let release!: () => void;
    const bothRead = new Promise<void>((resolve) => (release = resolve));
    const gated: Storage = {
      read: async (k) => {
        const items = await store.read(k);
        if (++reads === 2) release();
        await bothRead;
        return items;
      },
      write: (c) => store.write(c),
      delete: (k) => store.delete(k),
    };
    const log: WriteLog[] = [];
    const [a, b] = await Promise.all([
      runTurn(depsFor(instance(gated, log)), keys, { kind: 'start', locale: 'en-GB' }),
      runTurn(depsFor(instance(gated, log)), keys, hello),
    ]);

    expect([a.outcome, b.outcome]).toEqual(['ok', 'ok']);
    const creations = log.filter((w) => w.eTag === ETAG_NEW);
    expect(creations).toHaveLength(2);
    expect(creations.filter((w) => w.ok)).toHaveLength(1);
    // The loser was re-run on the conversation the winner created, and wrote with its eTag.
    expect(log.filter((w) => w.eTag !== ETAG_NEW)).toEqual([{ eTag: expect.any(String), ok: true }]);
    expect(log).toHaveLength(3);
  });

  it('a turn that loses every attempt asks to try again and writes nothing', async () => {
    const deps = depsFor(store);
    await runTurn(deps, keys, hello);
    const [tip, rival] = tipIds(2) as [string, string];
    let attempts = 0;
    // Another instance saves a tip just before each of this turn's writes.
    const losing: Storage = {
      read: (k) => store.read(k),
      delete: (k) => store.delete(k),
      async write(changes: StoreItems) {
        attempts++;
        const current = (await store.read([keys.conversation]))[keys.conversation];
        const context = { ...current.context, savedTips: [...current.context.savedTips, rival] };
        await store.write({ [keys.conversation]: { ...current, context } });
        await store.write(changes);
      },
    };

    const result = await runTurn(depsFor(losing), keys, saveTip(tip));

    expect(result.outcome).toBe('conflict');
    expect(result.view.messages).toEqual([{ key: 'common:conflict' }]);
    expect(result.t('common:conflict')).toMatch(/try again/i);
    expect(attempts).toBe(TURN_ATTEMPTS);
    expect(await savedTips()).not.toContain(tip);
  });

  it('interleaved turns from two instances: every acknowledged turn is applied once, every refused one not at all', async () => {
    const log: WriteLog[] = [];
    const a = depsFor(instance(store, log));
    const b = depsFor(instance(store, log));
    await runTurn(a, keys, hello);
    const tips = tipIds(20);
    const acknowledged: string[] = [];
    let refused = 0;

    let pending = tips;
    for (let round = 0; pending.length && round < 20; round++) {
      const results = await Promise.all(
        pending.map((tip, i) => runTurn(i % 2 ? b : a, keys, saveTip(tip)).then((r) => ({ tip, r }))),
      );
      for (const { tip, r } of results) {
        if (r.outcome === 'ok') {
          expect(firstKey(r)).toBe('common:tip.saved');
          acknowledged.push(tip);
        } else {
          expect(r.outcome).toBe('conflict');
          refused++;
        }
      }
      // Exactly the acknowledged tips are stored: nothing lost, nothing half-applied.
      expect([...(await savedTips())].sort()).toEqual([...acknowledged].sort());
      pending = results.filter(({ r }) => r.outcome !== 'ok').map(({ tip }) => tip);
    }

    expect(pending).toEqual([]);
    expect([...acknowledged].sort()).toEqual([...tips].sort());
    // The race did happen: writes were refused and their turns re-run on fresh state.
    const conflicts = log.filter((w) => !w.ok).length;
    expect(conflicts).toBeGreaterThan(0);
    console.log(
      `two instances in one process: ${conflicts} conflicting write(s), ${refused} turn(s) answered "please try again"`,
    );
  });
});
