/* Composition root: reads the config, builds storage, content, bot and server, and listens. */
import path from 'node:path';
import { RoadmapBot } from './bot/roadmap-bot';
import { createAdapter } from './bot/create-adapter';
import { ConfigError, readConfig } from './config';
import { buildContent } from './content/build-content';
import { ContentError } from './content/load-content';
import { createLogger } from './log/logger';
import { createServer } from './server/create-server';
import { LmdbStorage } from './storage/lmdb-storage';

const DAY_MS = 24 * 60 * 60 * 1000;

async function main(): Promise<void> {
  const config = readConfig();
  const logger = createLogger(config.logLevel);
  const content = buildContent();
  const storage = LmdbStorage.open({
    path: path.join(config.dataDir, 'state'),
    ttlMs: config.retentionDays * DAY_MS,
  });
  const swept = await storage.sweepExpired();
  const deps = {
    engine: content.engine,
    storage,
    i18n: content.i18n,
    lexicon: content.lexicon,
    now: () => Date.now(),
    retentionDays: config.retentionDays,
    logger,
  };
  const bot = new RoadmapBot(deps);
  const adapter = createAdapter(config, deps, logger);
  const server = createServer({ adapter, bot, storage, logger });
  const sweeper = setInterval(() => void storage.sweepExpired().catch(() => undefined), 60 * 60 * 1000);
  sweeper.unref();

  server.listen(config.port, config.host, () => {
    logger.info(
      {
        url: server.url,
        flows: content.engine.index.version,
        dataDir: config.dataDir,
        auth: config.bot.appId ? 'on' : 'off',
        swept,
      },
      'roadmap bot listening on POST /api/messages',
    );
  });

  const stop = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    clearInterval(sweeper);
    server.close(() => {
      void storage.close().then(() => process.exit(0));
    });
    setTimeout(() => process.exit(0), 10_000).unref();
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

main().catch((e: unknown) => {
  if (e instanceof ConfigError || e instanceof ContentError) console.error(e.message);
  else console.error(e);
  process.exit(1);
});
