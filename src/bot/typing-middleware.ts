import { ActivityTypes, type Middleware, type TurnContext } from 'botbuilder';
import type { Logger } from '../log/logger';

/**
 * Sends a typing activity when a reply takes longer than `delayMs`, then every `periodMs`.
 *
 * Hand-written on purpose: botbuilder's ShowTypingMiddleware sends through `adapter.sendActivities`,
 * which bypasses the expectReplies buffer (the typing goes to serviceUrl instead), and when that fails
 * after the turn ended it calls onTurnError with a revoked context, which crashed the process (seen
 * in tests/bot/http-protocol.test.ts). This one sends through the TurnContext, only while the turn
 * is running, and never lets an error escape.
 */
export function typingMiddleware(logger: Logger, delayMs = 500, periodMs = 2000): Middleware {
  return {
    async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
      if (context.activity.type !== ActivityTypes.Message) return next();
      let finished = false;
      let timer: NodeJS.Timeout | undefined;
      const tick = async () => {
        if (finished) return;
        try {
          await context.sendActivity({ type: ActivityTypes.Typing });
        } catch (e) {
          logger.debug({ err: { name: (e as Error).name } }, 'typing indicator not sent');
        }
        if (!finished) timer = setTimeout(() => void tick(), periodMs);
      };
      timer = setTimeout(() => void tick(), delayMs);
      try {
        await next();
      } finally {
        finished = true;
        clearTimeout(timer);
      }
    },
  };
}
