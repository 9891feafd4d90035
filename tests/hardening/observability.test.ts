import { captureLogs } from '../helpers/log-capture';
import { message, startBot, tempDir, type TestBot } from '../helpers/http-bot';

describe('observability', () => {
  let bot: TestBot;
  afterEach(async () => {
    await bot.close();
  });

  it('/metrics counts turns by channel and outcome, with turn and store latency', async () => {
    bot = await startBot();
    await bot.send(message('m1', { text: 'hello' }));
    await bot.send(message('m1', { text: 'help' }));
    await bot.send(message('m2', { text: 'hello', channelId: 'webchat' }));
    const res = await fetch(`${bot.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const body = await res.text();
    expect(body).toContain('roadmap_turns_total{channel="emulator",outcome="ok"} 2');
    expect(body).toContain('roadmap_turns_total{channel="webchat",outcome="ok"} 1');
    expect(body).toContain('roadmap_turn_duration_seconds_count{channel="emulator"} 2');
    expect(body).toMatch(/roadmap_store_duration_seconds_count\{op="read"\} [3-9]/);
    expect(body).toMatch(/roadmap_store_duration_seconds_count\{op="write"\} [3-9]/);
    expect(body).toContain('process_resident_memory_bytes');
  });

  it('METRICS_TOKEN protects /metrics', async () => {
    bot = await startBot({ METRICS_TOKEN: 'a-metrics-token-of-some-length' });
    expect((await fetch(`${bot.url}/metrics`)).status).toBe(401);
    const wrong = { authorization: 'Bearer nope' };
    expect((await fetch(`${bot.url}/metrics`, { headers: wrong })).status).toBe(401);
    const right = { authorization: 'Bearer a-metrics-token-of-some-length' };
    expect((await fetch(`${bot.url}/metrics`, { headers: right })).status).toBe(200);
  });

  it('every log line of a turn carries the correlation id the response names', async () => {
    const captured = captureLogs('info');
    bot = await startBot({ LOG_LEVEL: 'info' }, tempDir(), { logger: captured.logger });
    const res = await fetch(`${bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...message('corr', { text: 'hello' }), deliveryMode: 'expectReplies' }),
    });
    expect(res.status).toBe(200);
    const id = res.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const lines = captured.lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const turnLines = lines.filter((l) => l.msg === 'turn');
    expect(turnLines).toHaveLength(1);
    expect(turnLines[0]).toMatchObject({
      turn: id,
      channel: 'emulator',
      outcome: 'ok',
      state: expect.any(String),
    });
  });
});

describe('security headers', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startBot();
  });
  afterAll(async () => {
    await bot.close();
  });

  it('every response forbids sniffing and framing; data responses allow no content at all', async () => {
    const post = await fetch(`${bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...message('sec', { text: 'hello' }), deliveryMode: 'expectReplies' }),
    });
    const bad = await fetch(`${bot.url}/api/messages`, { method: 'POST', body: '{nope' });
    for (const res of [
      await fetch(`${bot.url}/healthz`),
      await fetch(`${bot.url}/metrics`),
      await fetch(`${bot.url}/plan/not-a-token/my-plan.pdf`),
      await fetch(`${bot.url}/no-such-page`),
      post,
      bad,
    ]) {
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    }
  });

  it('the demo page has its own policy: framed only by allowed origins, no inline script', async () => {
    const res = await fetch(`${bot.url}/`);
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'self'");
    expect(res.headers.get('x-frame-options')).toBeNull();
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
