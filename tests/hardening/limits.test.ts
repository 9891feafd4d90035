import type { Request } from 'restify';
import { addressKey, clientAddress } from '../../src/server/request-limits';
import { buttonValue, message, startBot, texts, type TestBot } from '../helpers/http-bot';

/** Limits of /api/messages: body size, text length, and requests per conversation and per address. */
describe('request limits', () => {
  let bot: TestBot;
  afterEach(async () => {
    await bot.close();
  });
  const t = (key: string, options: Record<string, unknown> = {}) =>
    bot.app.content.i18n.getFixedT('en')(key, { days: 30, ...options }) as string;

  it('refuses a body over 256 KB with 413, and keeps serving', async () => {
    bot = await startBot();
    const big = JSON.stringify({ ...message('big'), text: 'x'.repeat(300 * 1024) });
    expect((await bot.raw(big)).status).toBe(413);
    expect((await bot.send(message('big', { text: 'hi' }))).status).toBe(200);
  });

  it('answers a text over MAX_TEXT_LENGTH kindly with the current choices, and does not move on', async () => {
    bot = await startBot({ MAX_TEXT_LENGTH: '50' });
    const first = await bot.send(message('long', { text: 'hello' }));
    const choices = first.replies.find((r) => r.suggestedActions)?.suggestedActions?.actions;
    expect(choices?.length).toBeGreaterThan(1);
    const long = await bot.send(message('long', { text: `I want to know ${'a lot of things '.repeat(10)}` }));
    expect(long.status).toBe(200);
    expect(texts(long.replies)[0]).toBe(t('common:tooLong', { max: 50 }));
    // The same choices as before: the conversation stayed where it was.
    const again = long.replies.find((r) => r.suggestedActions)?.suggestedActions?.actions;
    expect(again?.map((a) => a.title)).toEqual(choices?.map((a) => a.title));
    // Exactly at the limit is read normally (a choice by its label).
    const label = t('entry:who.employee');
    expect(label.length).toBeLessThanOrEqual(50);
    const chosen = await bot.send(message('long', { text: label }));
    expect(texts(chosen.replies)).not.toContain(t('common:tooLong', { max: 50 }));
  });

  it('limits requests per conversation with 429 and Retry-After; other conversations go on', async () => {
    bot = await startBot({ RATE_LIMIT_PER_CONVERSATION: '3', RATE_LIMIT_WINDOW_SECONDS: '60' });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await bot.send(message('busy', { text: 'hi' }))).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const res = await fetch(`${bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...message('busy', { text: 'hi' }), deliveryMode: 'expectReplies' }),
    });
    expect(res.status).toBe(429);
    const wait = Number(res.headers.get('retry-after'));
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(60);
    expect(((await res.json()) as { error: string }).error).toBe('TooManyRequests');
    expect((await bot.send(message('calm', { text: 'hi' }))).status).toBe(200);
    const metrics = await (await fetch(`${bot.url}/metrics`)).text();
    expect(metrics).toMatch(/roadmap_rate_limited_total\{scope="conversation"\} 2/);
  });

  it('limits requests per address', async () => {
    bot = await startBot({ RATE_LIMIT_PER_ADDRESS: '4', RATE_LIMIT_PER_CONVERSATION: '0' });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1)
      statuses.push((await bot.send(message(`addr${i}`, { text: 'hi' }))).status);
    expect(statuses).toEqual([200, 200, 200, 200, 429]);
  });

  it('a refused request changes nothing: the conversation goes on where it was', async () => {
    bot = await startBot({ RATE_LIMIT_PER_CONVERSATION: '2' });
    const first = await bot.send(message('kept', { text: 'hi' }));
    const employee = buttonValue(first.replies, t('entry:who.employee'));
    expect((await bot.send(message('kept', { value: employee }))).status).toBe(200);
    const key = 'conv/emulator/kept';
    const before = (await bot.app.storage.read([key]))[key] as Record<string, unknown>;
    expect(before).toMatchObject({ context: { perspective: 'employee' } });
    expect((await bot.send(message('kept', { text: 'delete my data' }))).status).toBe(429);
    expect((await bot.app.storage.read([key]))[key]).toEqual(before);
  });
});

describe('request limits behind authentication', () => {
  it('requests refused with 401 do not use up the conversation’s share (no lock-out by forged ids)', async () => {
    const bot = await startBot({
      MicrosoftAppId: '00000000-0000-0000-0000-000000000001',
      MicrosoftAppPassword: 'not-a-real-password',
      RATE_LIMIT_PER_CONVERSATION: '3',
    });
    try {
      const statuses: number[] = [];
      // Without a token (answered before botbuilder), and with a forged one (refused by botbuilder).
      for (let i = 0; i < 3; i += 1)
        statuses.push((await bot.send(message('victim', { text: 'hi' }))).status);
      const forged = { authorization: 'Bearer forged.token.here' };
      for (let i = 0; i < 4; i += 1)
        statuses.push((await bot.send(message('victim', { text: 'hi' }), forged)).status);
      expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 401]);
    } finally {
      await bot.close();
    }
  });
});

describe('client addresses', () => {
  const req = (remote: string, forwarded?: string) =>
    ({
      headers: forwarded ? { 'x-forwarded-for': forwarded } : {},
      socket: { remoteAddress: remote },
    }) as unknown as Request;

  it('counts an IPv6 /64 as one address, IPv4 (also mapped) as it is', () => {
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8:1:2:bbbb:cccc:dddd:eeee')).toBe('2001:db8:1:2::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('::ffff:10.0.0.7')).toBe('10.0.0.7');
    expect(addressKey('192.168.1.9')).toBe('192.168.1.9');
  });

  it('trusts only the last X-Forwarded-For entry (the one the proxy added), and only when told to', () => {
    expect(clientAddress(req('10.0.0.1', '6.6.6.6, 203.0.113.5'), true)).toBe('203.0.113.5');
    expect(clientAddress(req('10.0.0.1', '6.6.6.6, 203.0.113.5'), false)).toBe('10.0.0.1');
    expect(clientAddress(req('10.0.0.1'), true)).toBe('10.0.0.1');
  });
});
