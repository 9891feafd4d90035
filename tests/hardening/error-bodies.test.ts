import type { Request, Response } from 'restify';
import { captureLogs } from '../helpers/log-capture';
import { FaultyStorage } from '../helpers/faulty-storage';
import { message, startBot, tempDir, texts } from '../helpers/http-bot';

/** Server errors tell the client nothing of their cause, and logs never carry a plan link. */
describe('error responses', () => {
  it('a 500 has a generic body, whatever the error said', async () => {
    const bot = await startBot();
    try {
      bot.app.server.get('/test-throws', async (_req: Request, _res: Response) => {
        throw new Error('MongoStorage: the document for "conv/msteams/19:SECRETCONV" is broken');
      });
      const res = await fetch(`${bot.url}/test-throws`);
      expect(res.status).toBe(500);
      const body = await res.text();
      expect(body).not.toContain('SECRETCONV');
      expect(JSON.parse(body)).toEqual({
        code: 'Internal',
        message: 'Something went wrong on our side. Please try again.',
      });
    } finally {
      await bot.close();
    }
  });

  it('a plan link while the store fails: 503, and neither the answer nor the logs hold the link', async () => {
    const { lines, logger } = captureLogs('info');
    const dataDir = tempDir();
    const store = new FaultyStorage(dataDir);
    const bot = await startBot({ LOG_LEVEL: 'info' }, dataDir, {
      storage: store,
      logger,
    });
    try {
      await bot.send(message('pl', { text: 'hello' }));
      const links = await bot.send(message('pl', { text: 'download my plan' }));
      const all = JSON.stringify(links.replies);
      const pdf = /http:\/\/[^"\s)]+\/plan\/([^/"\s)]+)\/my-plan\.pdf/.exec(all);
      expect(pdf).not.toBeNull();
      const [url, token] = [pdf?.[0] as string, pdf?.[1] as string];
      const path = new URL(url).pathname;
      store.next('read', 'fail');
      const res = await fetch(`${bot.url}${path}`);
      expect(res.status).toBe(503);
      expect(await res.text()).not.toContain(token);
      expect((await fetch(`${bot.url}${path.replace(token, `${token}x`)}`)).status).toBe(404);
      expect(lines.filter((l) => l.includes(token))).toEqual([]);
      expect(texts(links.replies).length).toBeGreaterThan(0);
    } finally {
      await bot.close();
    }
  });
});
