import crypto from 'node:crypto';
import type { CloudAdapter, TurnContext } from 'botbuilder';
import type { i18n } from 'i18next';
import type { Server } from 'restify';
import type { Config } from '../config';
import type { Logger } from '../log/logger';
import { createBotBridge } from './direct-line/bot-bridge';
import { ConversationStore, DEFAULT_LIMITS, type StoreLimits } from './direct-line/conversation-store';
import { storedConversations } from './direct-line/stored-conversations';
import { keptSecret } from '../plan/link-secret';
import type { Storage } from '../storage/storage-types';
import { DIRECT_LINE_PATH, registerDirectLineRoutes } from './direct-line/direct-line-routes';
import { createTokenIssuer } from './direct-line/tokens';
import { createOriginPolicy } from './web/origins';
import { createRateLimiter } from '../server/rate-limit';
import type { RequestLimits } from '../server/request-limits';
import {
  azureTokens,
  noDirectLine,
  registerTokenRoute,
  selfHostedTokens,
  type FetchLike,
} from './web/token-endpoint';
import { registerWebRoutes } from './web/web-routes';

/**
 * The web chat channel: the demo page and embed script, the token endpoint, and (unless a Direct
 * Line secret is configured, which means Azure Direct Line) the self-hosted Direct Line endpoint.
 */
export interface WebChatDeps {
  web: Config['web'];
  publicUrl?: string;
  appId?: string;
  adapter: CloudAdapter;
  bot: { run(context: TurnContext): Promise<void> };
  i18n: i18n;
  logger: Logger;
  now: () => number;
  /** The turn endpoints' limits (per conversation and per address), and how the client address is read. */
  requestLimits: RequestLimits;
  /** For the Azure token exchange (tests inject one: Azure is not reachable from them). */
  fetch?: FetchLike;
  /** Overrides of the self-hosted store's bounds (tests). */
  limits?: Partial<StoreLimits>;
  /** New conversations per client address per minute (default 60). */
  startsPerMinute?: number;
  /**
   * The bot's store: the self-hosted Direct Line keeps its conversations there, so a restart or another
   * process resumes them (absent: in memory only).
   */
  storage?: Storage;
  /** Where the token secret is kept when none is configured (absent: a new one per process). */
  dataDir?: string;
}

export interface WebChat {
  /** 'off': production without DIRECT_LINE_SECRET or DIRECT_LINE_SELF_HOSTED=true (the page says so). */
  mode: 'self-hosted' | 'azure' | 'off';
  /** The self-hosted conversations (absent with Azure). */
  store?: ConversationStore;
  close(): void;
  /**
   * After the last turns: waits until the self-hosted conversations are kept in the store, then lets them go
   * from memory (before the store closes).
   */
  flush(): Promise<void>;
}

export const BOT_ACCOUNT = { id: 'iknowhow-roadmap-bot', name: 'I-KNOW-HOW' };

export function registerWebChat(server: Server, deps: WebChatDeps): WebChat {
  const { web, logger, now } = deps;
  const origins = createOriginPolicy(web.allowedOrigins, deps.publicUrl);
  const starts = createRateLimiter({
    limit: deps.startsPerMinute ?? 60,
    windowMs: 60_000,
    maxKeys: 10_000,
    now,
  });
  registerWebRoutes(server, {
    i18n: deps.i18n,
    origins,
    publicUrl: deps.publicUrl,
    azureDomain: web.directLineSecret ? web.directLineDomain : undefined,
    logger,
  });

  if (web.directLineSecret) {
    const source = azureTokens({
      secret: web.directLineSecret,
      domain: web.directLineDomain,
      fetch: deps.fetch ?? (fetch as FetchLike),
    });
    registerTokenRoute(server, { source, origins, starts, addressOf: deps.requestLimits.addressOf, logger });
    return { mode: 'azure', close: () => undefined, flush: async () => undefined };
  }
  if (!web.selfHosted) {
    registerTokenRoute(server, {
      source: noDirectLine,
      origins,
      starts,
      addressOf: deps.requestLimits.addressOf,
      logger,
    });
    logger.info({ web: 'off' }, 'web chat off: set DIRECT_LINE_SECRET, or DIRECT_LINE_SELF_HOSTED=true');
    return { mode: 'off', close: () => undefined, flush: async () => undefined };
  }

  // Tokens must outlive a restart (an open tab keeps its token): the configured secret, else one kept in
  // DATA_DIR. Several processes on several machines need DIRECT_LINE_TOKEN_SECRET (as plan links do).
  const secret =
    web.tokenSecret ??
    (deps.dataDir ? keptSecret(undefined, deps.dataDir, 'directline-token.secret') : crypto.randomBytes(32));
  const tokens = createTokenIssuer(secret, web.tokenTtlSeconds);
  const store = new ConversationStore(
    { ...DEFAULT_LIMITS, idleMs: web.tokenTtlSeconds * 1000, ...deps.limits },
    now,
    deps.storage ? storedConversations(deps.storage) : undefined,
    (err) => logger.warn({ err: { name: err.name, message: err.message } }, 'web conversation not kept'),
  );
  const bridge = createBotBridge({
    adapter: deps.adapter,
    bot: deps.bot,
    appId: deps.appId,
    botAccount: BOT_ACCOUNT,
    serviceUrl: `${deps.publicUrl ?? 'http://localhost'}${DIRECT_LINE_PATH}`,
  });
  registerTokenRoute(server, {
    source: selfHostedTokens(store, tokens, now, deps.publicUrl),
    origins,
    starts,
    addressOf: deps.requestLimits.addressOf,
    logger,
  });
  const endpoint = registerDirectLineRoutes(server, {
    store,
    tokens,
    bridge,
    origins,
    starts,
    limits: deps.requestLimits,
    addressOf: deps.requestLimits.addressOf,
    bot: BOT_ACCOUNT,
    publicUrl: deps.publicUrl,
    now,
    logger,
  });
  const sweeper = setInterval(() => store.sweep(), 60_000);
  sweeper.unref();
  return {
    mode: 'self-hosted',
    store,
    // Streams end at once; the conversations are let go only after the last turns were answered and kept.
    close() {
      clearInterval(sweeper);
      endpoint.close();
    },
    async flush() {
      await store.flush();
      store.clear();
    },
  };
}
