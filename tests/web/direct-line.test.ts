import { WebSocket } from 'ws';
import { JOIN_EVENT, DATA_DELETED_EVENT } from '../../src/bot/web-chat-events';
import { tempDir } from '../helpers/http-bot';
import {
  botTexts,
  button,
  directLine,
  jwtPayload,
  messages,
  startWebBot,
  type DlActivityOut,
  type Started,
  type WebBot,
} from './web-helpers';

/** The self-hosted Direct Line 3.0 endpoint over real HTTP, call by call. */
let bot: WebBot;
let dl: ReturnType<typeof directLine>;
beforeAll(async () => {
  bot = await startWebBot();
  dl = directLine(bot.url);
});
afterAll(async () => {
  await bot.close();
});

async function started(): Promise<Started> {
  const r = await dl.start();
  expect(r.status).toBe(201);
  return r.body as Started;
}

/** Posts an activity and returns everything the conversation holds after the given watermark. */
async function say(c: Started, activity: Record<string, unknown>, watermark = '') {
  const posted = await dl.post(c.conversationId, c.token, { from: { id: 'someone' }, ...activity });
  expect(posted.status).toBe(200);
  const read = await dl.activities(c.conversationId, c.token, watermark);
  expect(read.status).toBe(200);
  return {
    id: (posted.body as { id: string }).id,
    ...(read.body as { activities: DlActivityOut[]; watermark: string }),
  };
}

describe('starting a conversation', () => {
  it('POST /conversations gives 201, a token scoped to that conversation and user, and a stream URL', async () => {
    const c = await started();
    expect(c.conversationId).toMatch(/^[\w-]{16,64}$/);
    expect(c.expires_in).toBe(3600);
    const claims = jwtPayload(c.token);
    expect(claims).toMatchObject({ conv: c.conversationId, scope: 'conversation' });
    expect(String(claims.user)).toMatch(/^dl_/); // Web Chat reads the user id from the token, as with Azure
    expect(c.streamUrl).toMatch(
      new RegExp(
        `^ws://127\\.0\\.0\\.1:\\d+/v3/directline/conversations/${c.conversationId}/stream\\?watermark=&t=`,
      ),
    );
    // Starting again with that token resumes the same conversation (as Azure does for a generated token).
    const again = await dl.start(c.token);
    expect(again.status).toBe(200);
    expect((again.body as Started).conversationId).toBe(c.conversationId);
  });

  it('two starts give two conversations with different users', async () => {
    const [a, b] = [await started(), await started()];
    expect(a.conversationId).not.toBe(b.conversationId);
    expect(jwtPayload(a.token).user).not.toBe(jwtPayload(b.token).user);
  });
});

describe('activities', () => {
  it('echoes the user activity with an id and its clientActivityID unchanged, then the bot replies through the bot pipeline', async () => {
    const c = await started();
    const r = await say(c, {
      type: 'message',
      text: 'hi',
      locale: 'en-GB',
      channelData: { clientActivityID: 'client-1' },
    });
    expect(r.id).toMatch(new RegExp(`^${c.conversationId}\\|\\d{7}$`));
    const [echo, ...rest] = r.activities;
    expect(echo).toMatchObject({
      id: r.id,
      type: 'message',
      text: 'hi',
      channelData: { clientActivityID: 'client-1' },
      from: { id: jwtPayload(c.token).user, role: 'user' }, // the token's user, not what the client claimed
    });
    expect(botTexts(rest)[0]).toBe(bot.t('en', 'entry:welcome.hello'));
    expect(rest.every((a) => a.from.role === 'bot')).toBe(true);
    expect(r.watermark).toBe(String(r.activities.length));
    // The bot's state is kept under the directline channel and this conversation, like any channel's.
    const key = `conv/directline/${c.conversationId}`;
    expect(Object.keys(await bot.app.storage.read([key]))).toEqual([key]);
  });

  it('GET with a watermark returns only what came after it; an empty or odd watermark returns everything', async () => {
    const c = await started();
    const first = await say(c, { type: 'message', text: 'hi' });
    const next = await say(
      c,
      { type: 'message', value: button(first.activities, bot.t('en', 'entry:who.employee')) },
      first.watermark,
    );
    expect(next.activities[0]?.from.role).toBe('user');
    expect(botTexts(next.activities)).toContain(bot.t('en', 'entry:country.ask'));
    expect(botTexts(next.activities)).not.toContain(bot.t('en', 'entry:welcome.hello'));
    expect(Number(next.watermark)).toBeGreaterThan(Number(first.watermark));
    const all = await dl.activities(c.conversationId, c.token, 'x');
    expect((all.body as { activities: unknown[] }).activities).toHaveLength(Number(next.watermark));
    const none = await dl.activities(c.conversationId, c.token, next.watermark);
    expect(none.body).toEqual({ activities: [], watermark: next.watermark });
  });

  it('the join event starts the conversation in the page language and with its country', async () => {
    const c = await started();
    const r = await say(c, { type: 'event', name: JOIN_EVENT, value: { country: 'BE' }, locale: 'nl-NL' });
    expect(botTexts(r.activities)[0]).toBe(bot.t('nl', 'entry:welcome.hello'));
    const next = await say(
      c,
      { type: 'message', value: button(r.activities, bot.t('nl', 'entry:who.employee')) },
      r.watermark,
    );
    // Belgium is known: no country question, straight to the phases.
    expect(botTexts(next.activities)).not.toContain(bot.t('nl', 'entry:country.ask'));
    expect(botTexts(next.activities)[0]).toBe(bot.t('nl', 'employee:phases.intro'));
  });

  it('refuses bodies that are not a client activity with 400, and accepts a typing activity without a turn', async () => {
    const c = await started();
    for (const body of [
      { text: 'no type' },
      { type: 'conversationUpdate' },
      { type: 'message', text: 'x'.repeat(20_001) },
      { type: 'event' },
    ]) {
      const r = await dl.post(c.conversationId, c.token, body);
      expect(r.status).toBe(400);
    }
    expect((await dl.post(c.conversationId, c.token, { type: 'typing' })).status).toBe(200);
    expect((await dl.activities(c.conversationId, c.token)).body).toMatchObject({ activities: [] });
  });
});

describe('tokens and access', () => {
  it('a token opens only its own conversation: another conversation gets 403, on every route', async () => {
    const [a, b] = [await started(), await started()];
    expect((await dl.reconnect(b.conversationId, a.token)).status).toBe(403);
    expect((await dl.activities(b.conversationId, a.token)).status).toBe(403);
    expect((await dl.post(b.conversationId, a.token, { type: 'message', text: 'hi' })).status).toBe(403);
    // The stream token of a's stream URL does not open b's stream either.
    const t = new URL(a.streamUrl).searchParams.get('t') as string;
    const ws = new WebSocket(b.streamUrl.replace(/t=[^&]+/, `t=${t}`));
    const status = await new Promise<number | undefined>((resolve) => {
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode));
      ws.on('open', () => resolve(101));
    });
    expect(status).toBe(403);
  });

  it('no token: 401; a forged or malformed token: 403; a stream token is not a conversation token', async () => {
    const c = await started();
    expect((await dl.activities(c.conversationId)).status).toBe(401);
    const [h, p] = c.token.split('.');
    const forgedPayload = Buffer.from(JSON.stringify({ ...jwtPayload(c.token), exp: 9999999999 })).toString(
      'base64url',
    );
    for (const bad of ['garbage', `${h}.${forgedPayload}.${c.token.split('.')[2]}`, `${h}.${p}.AAAA`]) {
      const r = await dl.activities(c.conversationId, bad);
      expect(r.status).toBe(403);
    }
    const streamToken = new URL(c.streamUrl).searchParams.get('t') as string;
    expect((await dl.activities(c.conversationId, streamToken)).status).toBe(403);
  });

  it('POST /tokens/refresh gives a new token for the same conversation', async () => {
    const c = await started();
    const r = await dl.refresh(c.token);
    expect(r.status).toBe(200);
    const body = r.body as Started;
    expect(body.conversationId).toBe(c.conversationId);
    expect(jwtPayload(body.token)).toMatchObject({ conv: c.conversationId, user: jwtPayload(c.token).user });
    expect((await dl.activities(c.conversationId, body.token)).status).toBe(200);
    expect((await dl.refresh()).status).toBe(401);
  });

  it('GET /conversations/{id} (reconnect) gives a fresh token and a stream URL with the watermark', async () => {
    const c = await started();
    const r = await dl.reconnect(c.conversationId, c.token, '3');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ conversationId: c.conversationId, expires_in: 3600 });
    expect((r.body as Started).streamUrl).toContain('watermark=3');
  });

  it('a conversation pushed out of memory comes back from the store at its watermark; one gone from both is 404', async () => {
    const c = await started();
    const small = await startWebBot({}, { webChat: { limits: { maxConversations: 1, evictAfterMs: 0 } } });
    try {
      const sdl = directLine(small.url);
      const first = (await sdl.start()).body as Started;
      await sdl.post(first.conversationId, first.token, { from: { id: 'x' }, type: 'message', text: 'hi' });
      const before = (await sdl.activities(first.conversationId, first.token)).body as { watermark: string };
      const second = (await sdl.start()).body as Started; // the store holds one: the first (idle) leaves memory
      const back = await sdl.activities(first.conversationId, first.token);
      expect(back.status).toBe(200);
      expect((back.body as { watermark: string }).watermark).toBe(before.watermark);
      expect(small.app.webChat.store?.size).toBe(1);
      // Gone from memory and from the store: 404 on every route.
      await sdl.start(); // pushes the first out again
      await small.app.webChat.flush();
      await small.app.storage.delete([`dl/conv/${first.conversationId}`]);
      expect((await sdl.reconnect(first.conversationId, first.token)).status).toBe(404);
      expect((await sdl.activities(first.conversationId, first.token)).status).toBe(404);
      expect(
        (await sdl.post(first.conversationId, first.token, { type: 'message', text: 'hi' })).status,
      ).toBe(404);
      expect((await sdl.refresh(first.token)).status).toBe(404);
      expect((await sdl.start(first.token)).status).toBe(404);
      expect(second.conversationId).not.toBe(first.conversationId);
    } finally {
      await small.close();
    }
    // A token from another server (another key) is not a token here.
    expect((await dl.activities(c.conversationId, 'a.b.c')).status).toBe(403);
  });
});

describe('a restart (or a second process on the same store)', () => {
  it('resumes the conversation with the old token, at the same watermark, with the plan intact; typed text is not kept', async () => {
    const dataDir = tempDir();
    const first = await startWebBot({ DATA_DIR: dataDir, PUBLIC_URL: 'http://127.0.0.1:1' });
    const a = directLine(first.url);
    const c = (await a.start()).body as Started;
    const post = (client: typeof a, activity: Record<string, unknown>) =>
      client.post(c.conversationId, c.token, { from: { id: 'x' }, locale: 'en-GB', ...activity });
    await post(a, { type: 'event', name: JOIN_EVENT, value: { country: 'UK' } });
    await post(a, { type: 'message', text: '1' }); // employee → the phases
    const typedSecret = 'my oncologist at St Mary said stage 2';
    await post(a, { type: 'message', text: typedSecret });
    const all = (await a.activities(c.conversationId, c.token)).body as {
      activities: DlActivityOut[];
      watermark: string;
    };
    const treatment = button(all.activities, first.t('en', 'employee:phases.treatment'));
    await post(a, { type: 'message', text: first.t('en', 'employee:phases.treatment'), value: treatment });
    const tips = (await a.activities(c.conversationId, c.token)).body as {
      activities: DlActivityOut[];
      watermark: string;
    };
    const save = tips.activities
      .flatMap((x) => x.attachments ?? [])
      .flatMap((x) => x.content.buttons ?? [])
      .find((b) => b.title === first.t('en', 'common:tip.save'));
    await post(a, { type: 'message', value: save!.value });
    const before = (await a.activities(c.conversationId, c.token)).body as { watermark: string };
    await first.close();

    const second = await startWebBot({ DATA_DIR: dataDir, PUBLIC_URL: 'http://127.0.0.1:1' });
    try {
      const b = directLine(second.url);
      const resumed = await b.reconnect(c.conversationId, c.token);
      expect(resumed.status).toBe(200);
      const history = (await b.activities(c.conversationId, c.token)).body as {
        activities: DlActivityOut[];
        watermark: string;
      };
      expect(history.watermark).toBe(before.watermark);
      expect(botTexts(history.activities)).toContain(second.t('en', 'employee:treatment.intro'));
      // The user's typed words were not kept; the label of a pressed button was.
      expect(JSON.stringify(history)).not.toContain('St Mary');
      expect(history.activities.some((x) => x.text === first.t('en', 'employee:phases.treatment'))).toBe(
        true,
      );
      // The conversation goes on where it was, and "my plan" still holds the saved tip.
      await b.post(c.conversationId, c.token, { from: { id: 'x' }, type: 'message', text: 'my plan' });
      const after = (await b.activities(c.conversationId, c.token, before.watermark)).body as {
        activities: DlActivityOut[];
      };
      expect(botTexts(after.activities).join('\n')).toContain(second.t('en', 'common:plan.title'));
      expect(botTexts(after.activities).join('\n')).not.toContain(second.t('en', 'common:plan.empty'));
    } finally {
      await second.close();
    }
  });
});

describe('as the Direct Line 3.0 reference documents it', () => {
  const dlError = (code: string) => ({ error: { code, message: expect.stringMatching(/\w{4,}/) } });

  it('the start response is the reference’s Conversation object', async () => {
    const c = (await started()) as Started & Record<string, unknown>;
    expect(Object.keys(c).sort()).toEqual(
      ['conversationId', 'eTag', 'expires_in', 'referenceGrammarId', 'streamUrl', 'token'].sort(),
    );
  });

  it('errors are {"error":{"code","message"}}: no token, a bad token, another conversation, unknown, a bad body', async () => {
    const c = await started();
    const other = await started();
    expect((await dl.activities(c.conversationId, undefined)).body).toEqual(dlError('Unauthorized'));
    expect((await dl.activities(c.conversationId, 'garbage')).body).toEqual(dlError('Forbidden'));
    expect((await dl.activities(c.conversationId, other.token)).body).toEqual(dlError('Forbidden'));
    const unknown = await dl.reconnect('x'.repeat(20), c.token);
    expect(unknown.status).toBe(403);
    expect(unknown.body).toEqual(dlError('Forbidden'));
    const bad = await dl.post(c.conversationId, c.token, { type: 42 });
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual(dlError('BadArgument'));
  });

  it('POST …/upload gets 415 with a reason in that shape (the chat takes no files), after the token check', async () => {
    const c = await started();
    const upload = (token?: string) =>
      fetch(`${bot.url}/v3/directline/conversations/${c.conversationId}/upload?userId=u`, {
        method: 'POST',
        headers: token ? { authorization: `Bearer ${token}`, 'content-type': 'text/plain' } : {},
        body: 'a file',
      });
    const refused = await upload(c.token);
    expect(refused.status).toBe(415);
    expect(await refused.json()).toEqual(dlError('NotSupported'));
    expect((await upload()).status).toBe(401);
  });
});

describe('a full store', () => {
  it('does not push out a conversation in use: a new start gets 503 until one is idle', async () => {
    let clock = Date.now();
    const full = await startWebBot(
      {},
      { now: () => clock, webChat: { limits: { maxConversations: 1, evictAfterMs: 60_000 } } },
    );
    try {
      const fdl = directLine(full.url);
      const first = (await fdl.start()).body as Started;
      const refused = await fdl.start();
      expect(refused.status).toBe(503);
      expect((await fetch(`${full.url}/webchat/token`, { method: 'POST' })).status).toBe(503);
      expect((await fdl.activities(first.conversationId, first.token)).status).toBe(200);
      clock += 61_000;
      expect((await fdl.start()).status).toBe(201);
    } finally {
      await full.close();
    }
  });

  it('refuses a large value (button payloads are small)', async () => {
    const c = await started();
    const r = await dl.post(c.conversationId, c.token, { type: 'message', value: { x: 'y'.repeat(5000) } });
    expect(r.status).toBe(400);
  });
});

describe('time: expiry and idleness', () => {
  it('an expired token gets 403 (refresh too); an idle conversation is forgotten (404)', async () => {
    let clock = Date.now();
    const timed = await startWebBot(
      { DIRECT_LINE_TOKEN_TTL_SECONDS: '120' },
      { now: () => clock, webChat: { limits: { idleMs: 60_000 } } },
    );
    try {
      const tdl = directLine(timed.url);
      const a = (await tdl.start()).body as Started;
      const b = (await tdl.start()).body as Started;
      clock += 30_000;
      const refreshed = ((await tdl.refresh(b.token)).body as Started).token; // b is used: not idle
      clock += 40_000; // a idle for 70 s, its token (120 s) still valid
      expect((await tdl.activities(a.conversationId, a.token)).status).toBe(404);
      expect((await tdl.activities(b.conversationId, refreshed)).status).toBe(200);
      clock += 121_000;
      const expired = await tdl.activities(b.conversationId, b.token);
      expect(expired.status).toBe(403);
      expect(expired.body).toMatchObject({ error: { code: 'TokenExpired', message: expect.any(String) } });
      expect((await tdl.refresh(b.token)).status).toBe(403);
    } finally {
      await timed.close();
    }
  });
});

describe('bounded memory', () => {
  it('keeps at most maxActivities per conversation; watermarks keep counting', async () => {
    const small = await startWebBot({}, { webChat: { limits: { maxActivities: 5 } } });
    try {
      const sdl = directLine(small.url);
      const c = (await sdl.start()).body as Started;
      for (const text of ['hi', 'help', 'help'])
        await sdl.post(c.conversationId, c.token, { type: 'message', text });
      const r = (await sdl.activities(c.conversationId, c.token)).body as {
        activities: DlActivityOut[];
        watermark: string;
      };
      expect(r.activities).toHaveLength(5);
      expect(Number(r.watermark)).toBeGreaterThan(5);
      expect(r.activities.at(-1)?.id).toBe(`${c.conversationId}|${r.watermark.padStart(7, '0')}`);
    } finally {
      await small.close();
    }
  });
});

describe('delete my data', () => {
  it('the bot sends the dataDeleted event; the transcript goes, all but the last answer; the conversation ends', async () => {
    const c = await started();
    const first = await say(c, { type: 'message', text: 'hi' });
    const r = await say(c, { type: 'message', text: 'delete my data' }, first.watermark);
    expect(botTexts(r.activities)[0]).toBe(bot.t('en', 'common:delete.done'));
    expect(r.activities.some((a) => a.type === 'event' && a.name === DATA_DELETED_EVENT)).toBe(true);
    const left = (await dl.activities(c.conversationId, c.token)).body as { activities: DlActivityOut[] };
    expect(left.activities.every((a) => a.from.role === 'bot')).toBe(true); // "hi", its answers, and the request are gone
    expect(botTexts(left.activities)).not.toContain(bot.t('en', 'entry:welcome.hello'));
    expect((await dl.reconnect(c.conversationId, c.token)).status).toBe(404);
    expect((await dl.post(c.conversationId, c.token, { type: 'message', text: 'hi' })).status).toBe(404);
    expect(await bot.app.storage.read([`conv/directline/${c.conversationId}`])).toEqual({});
  });
});

describe('CORS', () => {
  it('the bot’s own origin is allowed; another origin is refused (403, no CORS headers)', async () => {
    const host = new URL(bot.url).host;
    const own = await directLine(bot.url, { origin: bot.url }).start();
    expect(own.status).toBe(201);
    expect(own.headers.get('access-control-allow-origin')).toBe(bot.url);
    expect(host).toMatch(/^127\.0\.0\.1:/);
    const other = await directLine(bot.url, { origin: 'https://evil.example' }).start();
    expect(other.status).toBe(403);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const c = await started();
    const read = await directLine(bot.url, { origin: 'https://evil.example' }).activities(
      c.conversationId,
      c.token,
    );
    expect(read.status).toBe(403);
  });

  it('preflight: allowed origins get the methods and headers; others 403', async () => {
    const pre = (origin: string, path = '/v3/directline/conversations') =>
      fetch(`${bot.url}${path}`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization, content-type',
        },
      });
    const ok = await pre(bot.url);
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe(bot.url);
    expect(ok.headers.get('access-control-allow-headers')).toBe('authorization, content-type');
    expect(ok.headers.get('access-control-allow-methods')).toContain('POST');
    expect((await pre('https://evil.example')).status).toBe(403);
    expect((await pre(bot.url, '/webchat/token')).status).toBe(204);
  });

  it('ALLOWED_ORIGINS lets the listed sites in, on Direct Line and the token endpoint', async () => {
    const other = await startWebBot({
      ALLOWED_ORIGINS: 'https://www.example.org, https://shop.example.net/',
    });
    try {
      for (const origin of ['https://www.example.org', 'https://shop.example.net']) {
        const r = await directLine(other.url, { origin }).start();
        expect(r.status).toBe(201);
        expect(r.headers.get('access-control-allow-origin')).toBe(origin);
        const token = await fetch(`${other.url}/webchat/token`, { method: 'POST', headers: { origin } });
        expect(token.status).toBe(200);
        expect(token.headers.get('access-control-allow-origin')).toBe(origin);
      }
      expect((await directLine(other.url, { origin: 'https://www.example.com' }).start()).status).toBe(403);
    } finally {
      await other.close();
    }
  });
});

describe('the WebSocket stream', () => {
  /** Collects activity sets from a stream until `done` says stop. */
  function collect(url: string, headers: Record<string, string>, done: (all: DlActivityOut[]) => boolean) {
    const ws = new WebSocket(url, { headers });
    const all: DlActivityOut[] = [];
    const finished = new Promise<DlActivityOut[]>((resolve, reject) => {
      ws.on('message', (data) => {
        const text = data.toString();
        if (!text) return;
        all.push(...(JSON.parse(text) as { activities: DlActivityOut[] }).activities);
        if (done(all)) resolve(all);
      });
      ws.on('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
      ws.on('error', reject);
    });
    const opened = new Promise<void>((resolve) => ws.on('open', () => resolve()));
    return { ws, opened, finished };
  }

  it('delivers the echo, a typing activity while a slow turn runs, then the replies', async () => {
    const { LmdbStorage } = await import('../../src/storage/lmdb-storage');
    const { tempDir } = await import('../helpers/http-bot');
    const store = LmdbStorage.open({ path: `${tempDir()}/state`, ttlMs: 60_000 });
    const slow = Object.assign(Object.create(store) as typeof store, {
      read: async (keys: string[]) => {
        await new Promise((r) => setTimeout(r, 800));
        return store.read(keys);
      },
    });
    const slowBot = await startWebBot({}, { storage: slow });
    try {
      const sdl = directLine(slowBot.url);
      const c = (await sdl.start()).body as Started;
      const stream = collect(c.streamUrl, { origin: slowBot.url }, (all) => messages(all).length >= 4);
      await stream.opened;
      const posted = sdl.post(c.conversationId, c.token, { type: 'message', text: 'hi', from: { id: 'x' } });
      const all = await stream.finished;
      expect((await posted).status).toBe(200);
      const kinds = all.map((a) => `${a.from.role}:${a.type}`);
      expect(kinds[0]).toBe('user:message');
      expect(kinds[1]).toBe('bot:typing');
      expect(kinds.indexOf('bot:typing')).toBeLessThan(kinds.indexOf('bot:message'));
      expect(botTexts(all)[0]).toBe(slowBot.t('en', 'entry:welcome.hello'));
      stream.ws.close();
    } finally {
      await slowBot.close();
    }
  });

  it('a new stream replays the conversation after its watermark (a reload)', async () => {
    const c = await started();
    const first = await say(c, { type: 'message', text: 'hi' });
    const r = await dl.reconnect(c.conversationId, c.token);
    const all = await collect((r.body as Started).streamUrl, {}, (a) => a.length >= first.activities.length)
      .finished;
    expect(all.map((a) => a.id)).toEqual(first.activities.map((a) => a.id));
  });

  it('refuses a foreign Origin, a missing token and an unknown path', async () => {
    const c = await started();
    const status = (url: string, headers: Record<string, string> = {}) =>
      new Promise<number | undefined>((resolve) => {
        const ws = new WebSocket(url, { headers });
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode));
        ws.on('open', () => {
          ws.close();
          resolve(101);
        });
        ws.on('error', () => resolve(undefined));
      });
    expect(await status(c.streamUrl, { origin: 'https://evil.example' })).toBe(403);
    expect(await status(c.streamUrl.replace(/&t=.*/, ''))).toBe(403);
    expect(await status(c.streamUrl.replace('/stream', '/streams'))).toBe(404);
    expect(await status(c.streamUrl, { origin: bot.url })).toBe(101);
  });
});

describe('with a Microsoft App ID configured', () => {
  it('web chat turns still work: they are in-process and need no Bot Framework token', async () => {
    const quiet = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const authed = await startWebBot({
      MicrosoftAppId: '00000000-0000-0000-0000-000000000001',
      MicrosoftAppPassword: 'test-secret',
    });
    try {
      const adl = directLine(authed.url);
      const c = (await adl.start()).body as Started;
      const posted = await adl.post(c.conversationId, c.token, { type: 'message', text: 'hi' });
      expect(posted.status).toBe(200);
      const r = (await adl.activities(c.conversationId, c.token)).body as { activities: DlActivityOut[] };
      expect(botTexts(r.activities)[0]).toBe(authed.t('en', 'entry:welcome.hello'));
    } finally {
      quiet.mockRestore();
      await authed.close();
    }
  });
});

describe('rate limit', () => {
  it('refuses too many new conversations from one address with 429', async () => {
    const limited = await startWebBot({}, { webChat: { startsPerMinute: 2 } });
    try {
      const ldl = directLine(limited.url);
      expect((await ldl.start()).status).toBe(201);
      expect((await fetch(`${limited.url}/webchat/token`, { method: 'POST' })).status).toBe(200);
      const third = await ldl.start();
      expect(third.status).toBe(429);
      expect(third.headers.get('retry-after')).toBe('60');
    } finally {
      await limited.close();
    }
  });
});
