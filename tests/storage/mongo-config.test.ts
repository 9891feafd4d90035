import fs from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { ConfigError, readConfig } from '../../src/config';

const base = {
  DATA_DIR: '/tmp/roadmap-config-test',
  PLAN_LINK_SECRET: 'a-plan-link-secret-of-at-least-32-chars',
};
const configError = (env: Record<string, string>) => {
  try {
    readConfig({ ...base, ...env });
  } catch (e) {
    if (e instanceof ConfigError) return e.message;
    throw e;
  }
  throw new Error('no ConfigError');
};

describe('MongoDB settings', () => {
  it('keeps the embedded store when MONGODB_URI is unset or empty', () => {
    expect(readConfig(base).mongo).toBeUndefined();
    expect(readConfig({ ...base, MONGODB_URI: '  ' }).mongo).toBeUndefined();
  });

  it('.env.example, as shipped, is valid and keeps the embedded store', () => {
    const example = parseEnv(fs.readFileSync(path.join(__dirname, '..', '..', '.env.example'), 'utf8'));
    expect(example).toHaveProperty('MONGODB_URI', '');
    expect(readConfig({ ...example, ...base }).mongo).toBeUndefined();
    expect(readConfig({ ...example, ...base, MONGODB_URI: 'mongodb://db:27017' }).mongo).toMatchObject({
      db: 'roadmap',
      collection: 'state',
    });
  });

  it('needs PLAN_LINK_SECRET with MONGODB_URI (instances must sign plan links alike)', () => {
    const message = configError({ MONGODB_URI: 'mongodb://db:27017', PLAN_LINK_SECRET: '' });
    expect(message).toContain('PLAN_LINK_SECRET: required with MONGODB_URI');
  });

  it('chooses MongoDB with defaults when MONGODB_URI is set', () => {
    expect(readConfig({ ...base, MONGODB_URI: 'mongodb://db.internal:27017' }).mongo).toEqual({
      uri: 'mongodb://db.internal:27017',
      db: 'roadmap',
      collection: 'state',
      maxPoolSize: 20,
      timeoutMs: 5000,
    });
  });

  it('reads the database, collection, pool size and timeout', () => {
    const config = readConfig({
      ...base,
      MONGODB_URI: 'mongodb+srv://bot:secret@cluster0.example.net/?retryWrites=true',
      MONGODB_DB: 'roadmap-prod',
      MONGODB_COLLECTION: 'bot.state',
      MONGODB_MAX_POOL_SIZE: '50',
      MONGODB_TIMEOUT_MS: '2500',
    });
    expect(config.mongo).toMatchObject({
      db: 'roadmap-prod',
      collection: 'bot.state',
      maxPoolSize: 50,
      timeoutMs: 2500,
    });
  });

  it('an empty MONGODB_DB means the default (as every empty setting does)', () => {
    expect(readConfig({ ...base, MONGODB_URI: 'mongodb://localhost:27017', MONGODB_DB: '' }).mongo?.db).toBe(
      'roadmap',
    );
  });

  it.each([
    ['MONGODB_URI', 'postgres://bot:s3cret@db/x'],
    ['MONGODB_URI', 'mongodb://bot:s3cret@db/x?noSuchOption=1'],
    ['MONGODB_URI', 'mongodb+srv://bot:s3cret@db.example.net:27017/x'],
    ['MONGODB_DB', 'road.map'],
    ['MONGODB_COLLECTION', 'system.state'],
    ['MONGODB_COLLECTION', 'st$ate'],
    ['MONGODB_MAX_POOL_SIZE', '0'],
    ['MONGODB_MAX_POOL_SIZE', 'many'],
    ['MONGODB_TIMEOUT_MS', '10'],
  ])('refuses %s=%p with a message naming the setting, never its value', (name, value) => {
    const env = { MONGODB_URI: 'mongodb://localhost:27017', [name]: value };
    const message = configError(env);
    expect(message).toContain(name);
    expect(message).not.toContain('s3cret');
  });
});
