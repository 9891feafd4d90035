import { ConfigError, readConfig } from '../../src/config';
import { startBot, type TestBot } from '../helpers/http-bot';

describe('production mode', () => {
  it('refuses to start with no app id unless open mode is chosen, and says which setting', () => {
    expect(() => readConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => readConfig({ NODE_ENV: 'production' })).toThrow(/MicrosoftAppId.*ALLOW_OPEN_MODE=true/s);
    expect(readConfig({ NODE_ENV: 'production', ALLOW_OPEN_MODE: 'true' }).production).toBe(true);
    const withAuth = readConfig({
      NODE_ENV: 'production',
      MicrosoftAppId: '00000000-0000-0000-0000-000000000001',
      MicrosoftAppPassword: 'p',
    });
    expect(withAuth.bot.appId).toBeDefined();
    expect(readConfig({}).production).toBe(false);
  });

  it('the self-hosted Direct Line is off in production unless enabled', () => {
    const open = { NODE_ENV: 'production', ALLOW_OPEN_MODE: 'true' };
    expect(readConfig(open).web.selfHosted).toBe(false);
    expect(readConfig({ ...open, DIRECT_LINE_SELF_HOSTED: 'true' }).web.selfHosted).toBe(true);
    expect(readConfig({}).web.selfHosted).toBe(true);
    expect(readConfig({ DIRECT_LINE_SELF_HOSTED: 'no' }).web.selfHosted).toBe(false);
  });

  it('names a bad setting and never repeats its value (it may be a secret)', () => {
    const secret = 'short-secret-value';
    let message = '';
    try {
      readConfig({ PLAN_LINK_SECRET: secret, ALLOW_OPEN_MODE: 'perhaps', RATE_LIMIT_PER_ADDRESS: '-1' });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('PLAN_LINK_SECRET');
    expect(message).toContain('ALLOW_OPEN_MODE');
    expect(message).toContain('RATE_LIMIT_PER_ADDRESS');
    expect(message).not.toContain(secret);
    expect(message).not.toContain('perhaps');
  });

  describe('served', () => {
    let bot: TestBot;
    beforeAll(async () => {
      bot = await startBot({ NODE_ENV: 'production', ALLOW_OPEN_MODE: 'true' });
    });
    afterAll(async () => {
      await bot.close();
    });

    it('has no Direct Line endpoint, and the token endpoint says the web chat is off', async () => {
      expect(bot.app.webChat.mode).toBe('off');
      const start = await fetch(`${bot.url}/v3/directline/conversations`, { method: 'POST' });
      expect(start.status).toBe(404);
      const token = await fetch(`${bot.url}/webchat/token`, { method: 'POST' });
      expect(token.status).toBe(503);
      expect(((await token.json()) as { error: string }).error).toBe('WebChatOff');
    });

    it('still serves /api/messages in the chosen open mode', async () => {
      const r = await bot.send({
        type: 'message',
        channelId: 'emulator',
        serviceUrl: 'http://127.0.0.1:9',
        conversation: { id: 'prod' },
        from: { id: 'u' },
        recipient: { id: 'bot' },
        text: 'hello',
      });
      expect(r.status).toBe(200);
      expect(r.replies.length).toBeGreaterThan(0);
    });
  });
});
