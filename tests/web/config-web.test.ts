import fs from 'node:fs';
import { parseEnv } from 'node:util';
import { ConfigError, readConfig } from '../../src/config';

/** The web chat's settings: validated at start, with messages that name the setting, never a secret. */
describe('web chat settings', () => {
  it('defaults: self-hosted Direct Line, tokens for an hour, only the bot’s own origin', () => {
    const { web } = readConfig({});
    expect(web).toEqual({
      selfHosted: true,
      directLineSecret: undefined,
      directLineDomain: 'https://directline.botframework.com/v3/directline',
      tokenSecret: undefined,
      tokenTtlSeconds: 3600,
      allowedOrigins: [],
    });
  });

  it('ALLOWED_ORIGINS: a list of origins (commas or spaces), trailing slashes dropped, or *', () => {
    expect(
      readConfig({ ALLOWED_ORIGINS: 'https://www.example.org/, http://localhost:8080 https://a.example' }).web
        .allowedOrigins,
    ).toEqual(['https://www.example.org', 'http://localhost:8080', 'https://a.example']);
    expect(readConfig({ ALLOWED_ORIGINS: '*' }).web.allowedOrigins).toEqual(['*']);
  });

  it.each([
    'www.example.org',
    'https://www.example.org/page',
    'ftp://example.org',
    'https://user@example.org',
  ])('refuses "%s" as an origin, naming ALLOWED_ORIGINS', (value) => {
    expect(() => readConfig({ ALLOWED_ORIGINS: value })).toThrow(ConfigError);
    expect(() => readConfig({ ALLOWED_ORIGINS: value })).toThrow(/ALLOWED_ORIGINS: "[^"]+" is not an origin/);
  });

  it('token lifetime and key are checked; a short key is refused without showing it', () => {
    expect(readConfig({ DIRECT_LINE_TOKEN_TTL_SECONDS: '900' }).web.tokenTtlSeconds).toBe(900);
    expect(() => readConfig({ DIRECT_LINE_TOKEN_TTL_SECONDS: '10' })).toThrow(
      /DIRECT_LINE_TOKEN_TTL_SECONDS/,
    );
    let message = '';
    try {
      readConfig({ DIRECT_LINE_TOKEN_SECRET: 'short-key-123' });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/DIRECT_LINE_TOKEN_SECRET: must be at least 32 characters/);
    expect(message).not.toContain('short-key-123');
  });

  it('DIRECT_LINE_SECRET switches to Azure Direct Line; DIRECT_LINE_DOMAIN must be a URL', () => {
    expect(readConfig({ DIRECT_LINE_SECRET: ' s3cret ' }).web.directLineSecret).toBe('s3cret');
    expect(() => readConfig({ DIRECT_LINE_DOMAIN: 'not a url' })).toThrow(/DIRECT_LINE_DOMAIN/);
  });
});

describe('.env.example', () => {
  it('is a valid configuration as it is (copied to .env, the bot starts)', () => {
    const env = parseEnv(fs.readFileSync(`${__dirname}/../../.env.example`, 'utf8'));
    expect(() => readConfig(env)).not.toThrow();
    expect(readConfig(env).web).toMatchObject({
      allowedOrigins: [],
      directLineSecret: undefined,
      tokenSecret: undefined,
    });
  });
});
