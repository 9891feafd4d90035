import type { FetchLike } from '../../src/channels/web/token-endpoint';
import { directLine, jwtPayload, startWebBot } from './web-helpers';

/** POST /webchat/token: self-hosted by default; with DIRECT_LINE_SECRET, Azure's token (fetch injected). */
describe('self-hosted (no DIRECT_LINE_SECRET)', () => {
  it('gives a token for a new conversation of the bot’s own Direct Line, and that token opens it', async () => {
    const bot = await startWebBot();
    try {
      const res = await fetch(`${bot.url}/webchat/token`, { method: 'POST' });
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      const body = (await res.json()) as Record<string, string | number>;
      expect(body).toMatchObject({ expires_in: 3600, domain: `${bot.url}/v3/directline` });
      expect(jwtPayload(body.token as string)).toMatchObject({
        conv: body.conversationId,
        user: body.userId,
      });
      const started = await directLine(bot.url).start(body.token as string);
      expect(started.status).toBe(200);
      expect(started.body).toMatchObject({ conversationId: body.conversationId });
    } finally {
      await bot.close();
    }
  });

  it('uses PUBLIC_URL for the Direct Line address when it is set', async () => {
    const bot = await startWebBot({ PUBLIC_URL: 'https://bot.example.org/' });
    try {
      const body = (await (await fetch(`${bot.url}/webchat/token`, { method: 'POST' })).json()) as {
        domain: string;
      };
      expect(body.domain).toBe('https://bot.example.org/v3/directline');
      const started = (await directLine(bot.url).start()).body as { streamUrl: string };
      expect(started.streamUrl).toMatch(/^wss:\/\/bot\.example\.org\/v3\/directline\/conversations\//);
    } finally {
      await bot.close();
    }
  });

  it('refuses other origins', async () => {
    const bot = await startWebBot();
    try {
      const res = await fetch(`${bot.url}/webchat/token`, {
        method: 'POST',
        headers: { origin: 'https://evil.example' },
      });
      expect(res.status).toBe(403);
    } finally {
      await bot.close();
    }
  });
});

describe('Azure Direct Line (DIRECT_LINE_SECRET set)', () => {
  const SECRET = 'azure-direct-line-secret-abcdefghijklmnopqrstuvwxyz-0123456789';

  function fakeAzure(answer: { status: number; body?: unknown } | 'unreachable') {
    const calls: { url: string; init: Parameters<FetchLike>[1] }[] = [];
    const fetchImpl: FetchLike = async (url, init) => {
      calls.push({ url, init });
      if (answer === 'unreachable') throw new TypeError('fetch failed');
      return { ok: answer.status < 300, status: answer.status, json: async () => answer.body };
    };
    return { calls, fetchImpl };
  }

  it('exchanges the secret at Azure for a token; the browser gets the token, never the secret', async () => {
    const azure = fakeAzure({
      status: 200,
      body: { conversationId: 'abc-123', token: 'azure.jwt.token', expires_in: 1800 },
    });
    const bot = await startWebBot({ DIRECT_LINE_SECRET: SECRET }, { webChat: { fetch: azure.fetchImpl } });
    try {
      const res = await fetch(`${bot.url}/webchat/token`, { method: 'POST', headers: { origin: bot.url } });
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(text).not.toContain(SECRET);
      const body = JSON.parse(text) as Record<string, unknown>;
      expect(body).toMatchObject({
        token: 'azure.jwt.token',
        conversationId: 'abc-123',
        expires_in: 1800,
        domain: 'https://directline.botframework.com/v3/directline',
      });
      expect(azure.calls).toHaveLength(1);
      const call = azure.calls[0]!;
      expect(call.url).toBe('https://directline.botframework.com/v3/directline/tokens/generate');
      expect(call.init.method).toBe('POST');
      expect(call.init.headers.Authorization).toBe(`Bearer ${SECRET}`);
      // The user id is chosen by the bot (dl_…, which Azure then vouches for in the token).
      expect(JSON.parse(call.init.body)).toEqual({ user: { id: body.userId } });
      expect(String(body.userId)).toMatch(/^dl_[0-9a-f]{32}$/);
      // The secret is nowhere in what a browser can load, and the self-hosted endpoint is off.
      for (const path of ['/', '/embed.js'])
        expect(await (await fetch(`${bot.url}${path}`)).text()).not.toContain(SECRET);
      expect((await directLine(bot.url).start()).status).toBe(404);
      // The page may connect to Azure Direct Line.
      const csp = (await fetch(`${bot.url}/`)).headers.get('content-security-policy');
      expect(csp).toContain('https://directline.botframework.com wss://directline.botframework.com');
    } finally {
      await bot.close();
    }
  });

  it('uses DIRECT_LINE_DOMAIN (a regional endpoint)', async () => {
    const azure = fakeAzure({ status: 200, body: { conversationId: 'c', token: 't', expires_in: 1800 } });
    const bot = await startWebBot(
      {
        DIRECT_LINE_SECRET: SECRET,
        DIRECT_LINE_DOMAIN: 'https://europe.directline.botframework.com/v3/directline/',
      },
      { webChat: { fetch: azure.fetchImpl } },
    );
    try {
      const body = (await (await fetch(`${bot.url}/webchat/token`, { method: 'POST' })).json()) as {
        domain: string;
      };
      expect(azure.calls[0]?.url).toBe(
        'https://europe.directline.botframework.com/v3/directline/tokens/generate',
      );
      expect(body.domain).toBe('https://europe.directline.botframework.com/v3/directline');
    } finally {
      await bot.close();
    }
  });

  it.each([
    ['Azure refuses the secret', { status: 403, body: { error: { code: 'BadArgument' } } }],
    ['Azure answers something else', { status: 200, body: { hello: 'world' } }],
    ['Azure cannot be reached', 'unreachable'],
  ] as const)('%s: 502 with a plain message, no secret, no detail', async (_what, answer) => {
    const azure = fakeAzure(answer);
    const bot = await startWebBot({ DIRECT_LINE_SECRET: SECRET }, { webChat: { fetch: azure.fetchImpl } });
    try {
      const res = await fetch(`${bot.url}/webchat/token`, { method: 'POST' });
      expect(res.status).toBe(502);
      const text = await res.text();
      expect(text).not.toContain(SECRET);
      expect(JSON.parse(text)).toEqual({
        error: 'DirectLineUnavailable',
        message: 'The chat service cannot be reached now.',
      });
    } finally {
      await bot.close();
    }
  });
});
