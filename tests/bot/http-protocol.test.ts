import { buttonValue, message, startBot, tempDir, texts } from '../helpers/http-bot';

describe('malformed requests', () => {
  it('answers 400 with a reason for bad JSON, a body without type, and non-object bodies; 200 for unknown types', async () => {
    const bot = await startBot();
    try {
      const bad = await bot.raw('{not json');
      expect(bad.status).toBe(400);
      expect(bad.body).toMatch(/JSON/i);
      for (const body of ['{"text":"hi"}', '[]', '"x"', '{"type":""}', '{"type":42}']) {
        const r = await bot.raw(body);
        expect(r.status).toBe(400);
        expect(r.body).toMatch(/type/);
      }
      const unknown = await bot.send(message('u1', { type: 'somethingNew' }));
      expect(unknown.status).toBe(200);
      expect(unknown.replies).toEqual([]);
      const typing = await bot.send(message('u1', { type: 'typing' }));
      expect(typing.status).toBe(200);
      expect(typing.replies).toEqual([]);
      // The server is still up and answering.
      expect((await bot.send(message('u1', { text: 'hi' }))).status).toBe(200);
    } finally {
      await bot.close();
    }
  });

  it('refuses bodies over 256 KB with 413', async () => {
    const bot = await startBot();
    try {
      const r = await bot.raw(JSON.stringify(message('big', { text: 'x'.repeat(300 * 1024) })));
      expect(r.status).toBe(413);
    } finally {
      await bot.close();
    }
  });
});

describe('authentication', () => {
  it('with an app id and password configured, a request without a valid token gets 401', async () => {
    // botbuilder logs the refused token with console.error; keep the test output readable.
    const quiet = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const bot = await startBot({
      MicrosoftAppId: '00000000-0000-0000-0000-000000000001',
      MicrosoftAppPassword: 'test-secret',
    });
    try {
      expect((await bot.send(message('auth1', { text: 'hi' }))).status).toBe(401);
      expect(
        (await bot.send(message('auth1', { text: 'hi' }), { authorization: 'Bearer not-a-jwt' })).status,
      ).toBe(401);
    } finally {
      quiet.mockRestore();
      await bot.close();
    }
  });

  it('without an app id the endpoint is open (local development, Emulator)', async () => {
    const bot = await startBot();
    try {
      expect((await bot.send(message('open1', { text: 'hi' }))).status).toBe(200);
    } finally {
      await bot.close();
    }
  });
});

describe('persistence across restarts', () => {
  it('a new server on the same DATA_DIR continues the conversation where it was', async () => {
    const dataDir = tempDir();
    const first = await startBot({}, dataDir);
    let phases;
    try {
      await first.send(message('persist1', { text: 'hi' }));
      await first.send(message('persist1', { text: '1' }));
      phases = await first.send(message('persist1', { text: '3' })); // France
    } finally {
      await first.close();
    }
    const second = await startBot({}, dataDir);
    try {
      const t = (key: string) => second.app.content.i18n.getFixedT('en')(key) as string;
      const r = await second.send(
        message('persist1', { value: buttonValue(phases.replies, t('employee:phases.treatment')) }),
      );
      expect(texts(r.replies)).toContain(t('employee:treatment.intro'));
      expect(texts(r.replies)).toContain(
        second.app.content.i18n.getFixedT('en')('employee:treatment.income', { context: 'FR' }),
      );
      const back = await second.send(message('persist1', { text: 'back' }));
      expect(texts(back.replies)[0]).toBe(t('employee:phases.intro'));
    } finally {
      await second.close();
    }
  });
});

describe('typing indicator', () => {
  it('a typing activity precedes a reply that takes longer than half a second', async () => {
    const { LmdbStorage } = await import('../../src/storage/lmdb-storage');
    const { createApp } = await import('../../src/app');
    const { readConfig } = await import('../../src/config');
    const dir = tempDir();
    const store = LmdbStorage.open({ path: `${dir}/state`, ttlMs: 60_000 });
    // A slow store: every read takes 800 ms.
    const slow = Object.assign(Object.create(store) as typeof store, {
      read: async (keys: string[]) => {
        await new Promise((r) => setTimeout(r, 800));
        return store.read(keys);
      },
    });
    const app = createApp(readConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent' }), { storage: slow });
    await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', () => resolve()));
    try {
      const { port } = app.server.address() as { port: number };
      const res = await fetch(`http://127.0.0.1:${port}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...message('slow1', { text: 'hi' }), deliveryMode: 'expectReplies' }),
      });
      const { activities } = (await res.json()) as { activities: { type: string }[] };
      expect(activities[0]?.type).toBe('typing');
      expect(activities.some((a) => a.type === 'message')).toBe(true);
    } finally {
      await app.close();
    }
  });
});
