import { LmdbStorage } from '../../src/storage/lmdb-storage';
import { readBuckets, UsageCounters } from '../../src/usage/usage-counters';
import { counterKey } from '../../src/usage/usage-events';
import { tempDir } from '../helpers/http-bot';

/** Two instances counting into one store at the same moments lose nothing: increments are optimistic writes. */
describe('usage counters', () => {
  it('two instances flushing into one store at once: every count kept', async () => {
    const store = LmdbStorage.open({ path: tempDir(), ttlMs: 400 * 24 * 3600 * 1000 });
    const now = () => Date.parse('2026-12-04T10:00:00Z');
    const [a, b] = [new UsageCounters(store, now, undefined, 0), new UsageCounters(store, now, undefined, 0)];
    const dims = { lang: 'nl', country: 'BE', perspective: 'employee', channel: 'webchat' };
    const event = { kind: 'state', state: 'employee.treatment' } as const;
    try {
      for (let round = 0; round < 20; round++) {
        for (let i = 0; i < 5; i++) {
          a.record([event], dims);
          b.record([event, { kind: 'conversation' }], dims);
        }
        await Promise.all([a.flush(), b.flush()]);
      }
      const [bucket] = await readBuckets(store, '2026-12-04', '2026-12-04');
      expect(bucket!.counts[counterKey(event, dims)]).toBe(200);
      expect(bucket!.counts[counterKey({ kind: 'conversation' }, dims)]).toBe(100);
    } finally {
      await Promise.all([a.close(), b.close()]);
      await store.close();
    }
  });
});
