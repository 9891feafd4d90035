import { FaultyStorage } from '../helpers/faulty-storage';
import { buttonValue, message, startBot, tempDir, texts, type TestBot } from '../helpers/http-bot';

/**
 * Fault injection: the store failing or hanging in the middle of a turn. The user gets an apology, the
 * stored conversation is exactly what it was before the turn, the server stays up, and the next turn works.
 */
describe('store faults mid-turn', () => {
  let bot: TestBot;
  let store: FaultyStorage;
  const conv = 'faults';
  const key = `conv/emulator/${conv}`;
  const t = (k: string) => bot.app.content.i18n.getFixedT('en')(k, { days: 30 }) as string;

  beforeEach(async () => {
    const dataDir = tempDir();
    store = new FaultyStorage(dataDir);
    bot = await startBot({ STORE_TIMEOUT_MS: '300' }, dataDir, { storage: store });
  });
  afterEach(async () => {
    await bot.close();
  });

  async function startConversation() {
    const first = await bot.send(message(conv, { text: 'hello' }));
    expect(first.status).toBe(200);
    return { value: buttonValue(first.replies, t('entry:who.employee')), stored: await stored() };
  }
  const stored = async () => (await store.inner.read([key]))[key] as Record<string, unknown> | undefined;

  it.each([
    ['read', 'fail'],
    ['read', 'hang'],
    ['write', 'fail'],
    ['write', 'hang'],
  ] as const)('%s %s: apology, nothing written, server up, next turn works', async (op, fault) => {
    const { value, stored: before } = await startConversation();
    expect(before).toMatchObject({ state: expect.any(String) });
    store.next(op, fault);
    const started = Date.now();
    const failed = await bot.send(message(conv, { value }));
    expect(failed.status).toBe(200);
    expect(texts(failed.replies)).toEqual([t('common:storageError')]);
    // A hang ends at the timeout (300 ms), not never.
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await stored()).toEqual(before);
    expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
    // The same press again now works: the turn had not been applied, and the conversation is not stuck.
    const retried = await bot.send(message(conv, { value }));
    expect(texts(retried.replies)).not.toContain(t('common:storageError'));
    expect(await stored()).toMatchObject({ context: { perspective: 'employee' } });
    const metrics = await (await fetch(`${bot.url}/metrics`)).text();
    const kind = fault === 'hang' ? 'store-timeout' : 'turn';
    expect(metrics).toContain(`roadmap_errors_total{kind="${kind}"} 1`);
    expect(metrics).toMatch(/roadmap_turns_total\{channel="emulator",outcome="error"\} 1/);
  });

  it('"delete my data" failing says sorry and keeps the data (it can be asked again)', async () => {
    await startConversation();
    store.next('delete', 'fail');
    const failed = await bot.send(message(conv, { text: 'delete my data' }));
    expect(texts(failed.replies)).toEqual([t('common:storageError')]);
    expect(await stored()).toBeDefined();
    const done = await bot.send(message(conv, { text: 'delete my data' }));
    expect(texts(done.replies)).toContain(t('common:delete.done'));
    expect(await stored()).toBeUndefined();
  });

  it('/readyz says 503 while the store does not answer, 200 when it does', async () => {
    expect((await fetch(`${bot.url}/readyz`)).status).toBe(200);
    const ping = store.ping.bind(store);
    store.ping = () => Promise.reject(new Error('down'));
    expect((await fetch(`${bot.url}/readyz`)).status).toBe(503);
    store.ping = ping;
    expect((await fetch(`${bot.url}/readyz`)).status).toBe(200);
  });
});

describe('flow upgrade', () => {
  it('a stored conversation in a state the flows no longer have is taken back to the menu, plan kept', async () => {
    const bot = await startBot();
    const t = (k: string) => bot.app.content.i18n.getFixedT('en')(k, { days: 30 }) as string;
    try {
      const first = await bot.send(message('upgrade', { text: 'hello' }));
      await bot.send(message('upgrade', { value: buttonValue(first.replies, t('entry:who.employee')) }));
      const key = 'conv/emulator/upgrade';
      const { eTag, ...old } = (await bot.app.storage.read([key]))[key] as Record<string, unknown>;
      expect(eTag).toBeDefined();
      // As if written by an older release whose flows had a state that is gone now.
      const tip = [...bot.app.content.engine.index.tips.keys()][0] as string;
      const context = { ...(old.context as object), savedTips: [tip] };
      const saved = {
        ...old,
        context,
        state: 'employee.aStateThatWasRemoved',
        flowVersion: 'old',
        eTag: '*',
      };
      await bot.app.storage.write({ [key]: saved });
      const next = await bot.send(message('upgrade', { text: 'hello again' }));
      expect(next.status).toBe(200);
      expect(texts(next.replies)[0]).toBe(t('common:recovered'));
      expect(next.replies.some((r) => r.suggestedActions?.actions.length)).toBe(true);
      const after = (await bot.app.storage.read([key]))[key] as {
        state: string;
        context: { savedTips: string[] };
      };
      expect(after.state).not.toBe('employee.aStateThatWasRemoved');
      expect(after.context.savedTips).toEqual([tip]);
    } finally {
      await bot.close();
    }
  });
});
