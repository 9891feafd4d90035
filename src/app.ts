import path from 'node:path';
import type { Server } from 'restify';
import { RoadmapBot } from './bot/roadmap-bot';
import { registerWebChat, type WebChat, type WebChatDeps } from './channels/web-chat';
import { createAdapter } from './bot/create-adapter';
import type { Config } from './config';
import { buildContent, type AppContent } from './content/build-content';
import { createLogger, type Logger } from './log/logger';
import { createMetrics, type Metrics } from './observability/metrics';
import { createServer } from './server/create-server';
import type { InFlight } from './server/in-flight';
import { createRequestLimits } from './server/request-limits';
import { guardStorage } from './storage/guarded-storage';
import { registerPlanRoutes } from './server/plan-routes';
import { registerUsageRoute } from './server/usage-route';
import { createPlanLinkSigner } from './plan/plan-links';
import { planLinkSecret } from './plan/link-secret';
import { translatorFor } from './turn/run-turn';
import { LmdbStorage } from './storage/lmdb-storage';
import type { ManagedStorage } from './storage/storage-types';
import { UsageCounters } from './usage/usage-counters';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface AppOptions {
  now?: () => number;
  /** The usage counters' store (default: lmdb in DATA_DIR/usage, or MongoDB). */
  usageStorage?: ManagedStorage;
  logger?: Logger;
  content?: AppContent;
  storage?: ManagedStorage;
  /** Web chat test doubles: the Azure token exchange's fetch, the self-hosted Direct Line's bounds. */
  webChat?: Pick<WebChatDeps, 'fetch' | 'limits' | 'startsPerMinute'>;
}

export interface App {
  server: Server;
  /** Which store keeps the state. */
  store: 'lmdb' | 'mongodb' | 'custom';
  storage: ManagedStorage;
  content: AppContent;
  logger: Logger;
  webChat: WebChat;
  metrics: Metrics;
  inFlight: InFlight;
  /** The anonymous usage counters and their store (for the report). */
  usage: UsageCounters;
  usageStore: ManagedStorage;
  /**
   * Stops accepting connections, lets in-flight requests finish (at most SHUTDOWN_GRACE_SECONDS), then
   * closes the store. Resolves true when every in-flight request finished in time.
   */
  close(): Promise<boolean>;
}

/** The state store: MongoDB when MONGODB_URI is set (several instances can share it), else lmdb in DATA_DIR. */
function openStore(config: Config, logger: Logger): ManagedStorage {
  const ttlMs = config.retentionDays * DAY_MS;
  if (!config.mongo) return LmdbStorage.open({ path: path.join(config.dataDir, 'state'), ttlMs });
  const { uri, db, collection, maxPoolSize, timeoutMs } = config.mongo;
  // Loaded only when used: the MongoDB driver costs a quarter second at start-up.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { MongoStorage } = require('./storage/mongo-storage') as typeof import('./storage/mongo-storage');
  logger.info({ store: 'mongodb', db, collection }, 'state store');
  // Created without waiting for MongoDB: /readyz says when it is reachable.
  return MongoStorage.create({
    uri,
    dbName: db,
    collection,
    ttlMs,
    maxPoolSize,
    timeoutMs,
    onBackgroundError: (err) =>
      logger.warn(
        { err: { name: err.name, message: err.message } },
        'MongoDB indexes not created yet; retrying',
      ),
    onNotice: (message) => logger.warn({ store: 'mongodb' }, message),
  });
}

/**
 * The anonymous usage counters' store, apart from the conversations: its own retention
 * (USAGE_RETENTION_DAYS, 400 days: aggregate data), and a clock rounded to the day, so even the store's own
 * record of when a bucket was last written is no finer than a day. lmdb in DATA_DIR/usage, or the MongoDB
 * collection `<MONGODB_COLLECTION>_usage`.
 */
export function openUsageStore(config: Config, logger: Logger): ManagedStorage {
  const ttlMs = config.usageRetentionDays * DAY_MS;
  const day = () => Math.floor(Date.now() / DAY_MS) * DAY_MS;
  if (!config.mongo) return LmdbStorage.open({ path: path.join(config.dataDir, 'usage'), ttlMs, now: day });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { MongoStorage } = require('./storage/mongo-storage') as typeof import('./storage/mongo-storage');
  const { uri, db, collection, maxPoolSize, timeoutMs } = config.mongo;
  return MongoStorage.create({
    uri,
    dbName: db,
    collection: `${collection}_usage`,
    ttlMs,
    maxPoolSize: Math.min(maxPoolSize, 4),
    timeoutMs,
    now: day,
    onNotice: (message) => logger.warn({ store: 'mongodb', usage: true }, message),
  });
}

/** Builds the whole bot from a config (and test doubles where given). Does not listen. */
export function createApp(config: Config, options: AppOptions = {}): App {
  const logger = options.logger ?? createLogger(config.logLevel);
  const content = options.content ?? buildContent();
  const metrics = createMetrics();
  // Every store behind a timeout: a store that hangs costs the user one apology, not a stuck conversation.
  const storage = guardStorage(options.storage ?? openStore(config, logger), {
    timeoutMs: config.storeTimeoutMs,
    observe: (op, seconds) => metrics.storeSeconds.observe({ op }, seconds),
  });
  const now = options.now ?? (() => Date.now());
  const limits = createRequestLimits({
    ...config.limits,
    now,
    onRefused: (scope) => metrics.rateLimited.inc({ scope }),
  });
  const signer = createPlanLinkSigner(
    planLinkSecret(config.plan.linkSecret, config.dataDir),
    config.plan.linkTtlHours * 60 * 60 * 1000,
  );
  const publicUrl = config.publicUrl ?? `http://localhost:${config.port}`;
  const usageStore = options.usageStorage ?? openUsageStore(config, logger);
  const usage = new UsageCounters(usageStore, now, (err) =>
    logger.warn({ err: { name: err.name, message: err.message } }, 'usage counters not written yet'),
  );
  const deps = {
    usage,
    engine: content.engine,
    storage,
    i18n: content.i18n,
    lexicon: content.lexicon,
    now,
    retentionDays: config.retentionDays,
    maxTextLength: config.limits.maxTextLength,
    logger,
    metrics,
    planLinks: {
      hours: config.plan.linkTtlHours,
      create: (conversationKey: string, fileName: string) => {
        const token = signer.sign(conversationKey, now());
        const name = encodeURIComponent(fileName);
        return {
          pdf: `${publicUrl}/plan/${token}/${name}.pdf`,
          markdown: `${publicUrl}/plan/${token}/${name}.md`,
        };
      },
    },
  };
  const bot = new RoadmapBot(deps);
  const adapter = createAdapter(config, deps, logger, metrics);
  const { server, inFlight } = createServer({
    adapter,
    bot,
    storage,
    logger,
    metrics,
    limits,
    metricsToken: config.metricsToken,
    authRequired: Boolean(config.bot.appId),
  });
  registerUsageRoute(server, {
    token: config.adminToken,
    store: usageStore,
    index: content.engine.index,
    titleOf: (tip) => String(content.i18n.getFixedT('en')(`tips:${tip}.title`)),
    now,
  });
  registerPlanRoutes(server, {
    engine: content.engine,
    storage,
    usage,
    signer,
    translator: (lang, country) => translatorFor(deps, lang, country),
    now,
    logger,
  });
  const webChat = registerWebChat(server, {
    web: config.web,
    publicUrl: config.publicUrl,
    appId: config.bot.appId,
    adapter,
    bot,
    i18n: content.i18n,
    logger,
    now,
    requestLimits: limits,
    storage,
    dataDir: config.dataDir,
    ...options.webChat,
  });
  const sweeper = setInterval(
    () => {
      void storage.sweepExpired().catch(() => undefined);
      void usageStore.sweepExpired().catch(() => undefined);
    },
    60 * 60 * 1000,
  );
  sweeper.unref();
  return {
    server,
    store: options.storage ? 'custom' : config.mongo ? 'mongodb' : 'lmdb',
    storage,
    content,
    logger,
    webChat,
    metrics,
    inFlight,
    usage,
    usageStore,
    async close() {
      clearInterval(sweeper);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Keep-alive connections with no request on them would hold the close open.
      server.server.closeIdleConnections();
      webChat.close();
      const finished = await inFlight.drained(config.shutdownGraceSeconds * 1000);
      // The connections that served the last requests are idle now (or, past the grace, cut).
      if (finished) server.server.closeIdleConnections();
      else server.server.closeAllConnections();
      await closed;
      // The web conversations' last changes reach the store before it closes (a restart resumes them).
      await webChat.flush().catch(() => undefined);
      await usage.close().catch(() => undefined);
      await Promise.all([storage.close(), usageStore.close()]);
      return finished;
    },
  };
}
