import path from 'node:path';
import type { Server } from 'restify';
import { RoadmapBot } from './bot/roadmap-bot';
import { createAdapter } from './bot/create-adapter';
import type { Config } from './config';
import { buildContent, type AppContent } from './content/build-content';
import { createLogger, type Logger } from './log/logger';
import { createServer } from './server/create-server';
import { LmdbStorage } from './storage/lmdb-storage';
import type { ManagedStorage } from './storage/storage-types';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface AppOptions {
  now?: () => number;
  logger?: Logger;
  content?: AppContent;
  storage?: ManagedStorage;
}

export interface App {
  server: Server;
  storage: ManagedStorage;
  content: AppContent;
  logger: Logger;
  close(): Promise<void>;
}

/** Builds the whole bot from a config (and test doubles where given). Does not listen. */
export function createApp(config: Config, options: AppOptions = {}): App {
  const logger = options.logger ?? createLogger(config.logLevel);
  const content = options.content ?? buildContent();
  const storage =
    options.storage ??
    LmdbStorage.open({ path: path.join(config.dataDir, 'state'), ttlMs: config.retentionDays * DAY_MS });
  const deps = {
    engine: content.engine,
    storage,
    i18n: content.i18n,
    lexicon: content.lexicon,
    now: options.now ?? (() => Date.now()),
    retentionDays: config.retentionDays,
    logger,
  };
  const bot = new RoadmapBot(deps);
  const adapter = createAdapter(config, deps, logger);
  const server = createServer({ adapter, bot, storage, logger });
  const sweeper = setInterval(() => void storage.sweepExpired().catch(() => undefined), 60 * 60 * 1000);
  sweeper.unref();
  return {
    server,
    storage,
    content,
    logger,
    async close() {
      clearInterval(sweeper);
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await storage.close();
    },
  };
}
