import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type TurnContext,
} from 'botbuilder';
import type { Config } from '../config';
import { negotiateLanguage } from '../content/i18n';
import type { Logger } from '../log/logger';
import type { Metrics } from '../observability/metrics';
import { StorageTimeoutError } from '../storage/guarded-storage';
import type { TurnDeps } from '../turn/run-turn';
import { translatorFor } from '../turn/run-turn';
import { CachedClientsAuthentication } from './cached-clients-authentication';
import { correlationIdOf } from './correlation';
import { typingMiddleware } from './typing-middleware';

/**
 * CloudAdapter with Bot Framework authentication: with no app id the endpoint is open (local
 * development, Emulator); with one, requests need a valid Bot Framework token. One turn-error
 * handler logs (no message text), apologises in the user's language, and keeps the server up.
 */
export function createAdapter(
  config: Config,
  deps: Pick<TurnDeps, 'i18n' | 'retentionDays'>,
  logger: Logger,
  metrics?: Metrics,
): CloudAdapter {
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: config.bot.appId ?? '',
    MicrosoftAppPassword: config.bot.appPassword ?? '',
    MicrosoftAppType: config.bot.appType,
    MicrosoftAppTenantId: config.bot.tenantId ?? '',
  } as ConfigurationBotFrameworkAuthenticationOptions);
  const adapter = new CloudAdapter(new CachedClientsAuthentication(auth));
  // Typing indicator on channels that show it, when a reply takes longer than half a second.
  adapter.use(typingMiddleware(logger));
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    const channel = context.activity.channelId || 'unknown';
    const kind = error instanceof StorageTimeoutError ? 'store-timeout' : 'turn';
    metrics?.errors.inc({ kind });
    metrics?.turns.inc({ channel, outcome: 'error' });
    // The error's name, not its message: botbuilder's messages quote values from the request.
    logger.error({ turn: correlationIdOf(context), err: { name: error.name }, kind, channel }, 'turn failed');
    try {
      const t = translatorFor(deps, negotiateLanguage(context.activity.locale));
      await context.sendActivity({ type: 'message', text: t('common:storageError') });
    } catch (sendError) {
      logger.error({ err: { name: (sendError as Error).name } }, 'apology could not be sent');
    }
  };
  return adapter;
}
