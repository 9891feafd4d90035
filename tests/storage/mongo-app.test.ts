import net from 'node:net';
import { message, startBot, texts, type TestBot } from '../helpers/http-bot';
import { FakeMongoServer } from './fake-mongo-server';

/**
 * The bot with MONGODB_URI set while MongoDB is down: it starts, says it is alive but not ready, answers
 * users with a short apology instead of failing, and becomes ready by itself when MongoDB comes up (here a
 * stand-in that only answers the handshake, ping and createIndexes; see fake-mongo-server.ts).
 */
let bot: TestBot;
let fake: FakeMongoServer | undefined;
let port: number;

beforeAll(async () => {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()));
  port = (probe.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  bot = await startBot({
    MONGODB_URI: `mongodb://127.0.0.1:${port}/?directConnection=true`,
    MONGODB_TIMEOUT_MS: '300',
    PLAN_LINK_SECRET: 'a-plan-link-secret-of-at-least-32-chars',
  });
});
afterAll(async () => {
  await bot?.close();
  await fake?.stop();
});

const get = async (route: string) => (await fetch(`${bot.url}${route}`)).status;

it('uses MongoDB when MONGODB_URI is set', () => {
  expect(bot.app.store).toBe('mongodb');
});

it('starts while MongoDB is down: alive, not ready, and users get a short apology', async () => {
  expect(await get('/healthz')).toBe(200);
  expect(await get('/readyz')).toBe(503);
  const apology = bot.app.content.i18n.getFixedT('nl')('common:storageError') as string;
  for (let i = 0; i < 2; i++) {
    const r = await bot.send(message('down1', { text: 'hallo', locale: 'nl-BE' }));
    expect(r.status).toBe(200);
    expect(texts(r.replies)).toEqual([apology]);
  }
  expect(await get('/healthz')).toBe(200);
});

it('becomes ready by itself when MongoDB comes up', async () => {
  fake = await FakeMongoServer.start(port);
  const deadline = Date.now() + 10_000;
  while ((await get('/readyz')) !== 200) {
    if (Date.now() > deadline) throw new Error('/readyz did not turn 200');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(fake.names()).toContain('ping');
}, 15_000);
