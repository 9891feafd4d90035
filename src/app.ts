import path from 'node:path';
import type { Server } from 'restify';
import { RoadmapBot } from './bot/roadmap-bot';
import { createAdapter } from './bot/create-adapter';
import type { Config } from './config';
import { buildContent, type AppContent } from './content/build-content';
import { createLogger, type Logger } from './log/logger';
import { createServer } from './server/create-server';
import { registerPlanRoutes } from './server/plan-routes';
import { createPlanLinkSigner } from './plan/plan-links';
import { planLinkSecret } from './plan/link-secret';
import { translatorFor } from './turn/run-turn';
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
  const now = options.now ?? (() => Date.now());
  const signer = createPlanLinkSigner(
    planLinkSecret(config.plan.linkSecret, config.dataDir),
    config.plan.linkTtlHours * 60 * 60 * 1000,
  );
  const publicUrl = config.publicUrl ?? `http://localhost:${config.port}`;
  const deps = {
    engine: content.engine,
    storage,
    i18n: content.i18n,
    lexicon: content.lexicon,
    now,
    retentionDays: config.retentionDays,
    logger,
    planLinks: {
      hours: config.plan.linkTtlHours,
      create: (conversationKey: string) => {
        const token = signer.sign(conversationKey, now());
        return {
          pdf: `${publicUrl}/plan/${token}/my-plan.pdf`,
          markdown: `${publicUrl}/plan/${token}/my-plan.md`,
        };
      },
    },
  };
  const bot = new RoadmapBot(deps);
  const adapter = createAdapter(config, deps, logger);
  const server = createServer({ adapter, bot, storage, logger });
  registerPlanRoutes(server, {
    engine: content.engine,
    storage,
    signer,
    translator: (lang) => translatorFor(deps, lang),
    now,
    logger,
  });
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
