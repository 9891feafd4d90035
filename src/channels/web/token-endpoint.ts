import crypto from 'node:crypto';
import type { Request, Response, Server } from 'restify';
import { z } from 'zod4';
import type { Logger } from '../../log/logger';
import { StoreFullError, type ConversationStore } from '../direct-line/conversation-store';
import { DIRECT_LINE_PATH } from '../direct-line/direct-line-routes';
import type { TokenIssuer } from '../direct-line/tokens';
import type { OriginPolicy } from './origins';
import { publicBaseOf } from './public-base';
import type { RateLimiter } from '../../server/rate-limit';

/**
 * POST /webchat/token: what the widget needs to open a conversation. Self-hosted, a new conversation
 * of the bot's own Direct Line; with DIRECT_LINE_SECRET, a token that the bot gets from Azure Direct
 * Line in exchange for the secret, which never leaves the server.
 */
export const TOKEN_PATH = '/webchat/token';

export interface WebChatToken {
  token: string;
  conversationId: string;
  expires_in: number;
  /** The user id inside the token (`dl_…`): Web Chat reads it from the token as well. */
  userId: string;
  /** The Direct Line base URL the widget talks to. */
  domain: string;
}

export type TokenSource = (req: Request) => Promise<WebChatToken>;

/** The subset of fetch the Azure exchange uses (injected in tests: Azure cannot be reached from them). */
export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body: string; signal?: AbortSignal },
) => Promise<{ ok: boolean; status: number; json(): Promise<unknown> }>;

export class DirectLineExchangeError extends Error {
  override name = 'DirectLineExchangeError';
  constructor(readonly status: number) {
    super(`Direct Line token exchange failed (${status || 'no answer'})`);
  }
}

/** No Direct Line in this deployment (production without a secret or DIRECT_LINE_SELF_HOSTED=true). */
export class WebChatOffError extends Error {
  override name = 'WebChatOffError';
}

export const noDirectLine: TokenSource = () => Promise.reject(new WebChatOffError('web chat is off'));

const newUserId = () => `dl_${crypto.randomBytes(16).toString('hex')}`;

export function selfHostedTokens(
  store: ConversationStore,
  tokens: TokenIssuer,
  now: () => number,
  publicUrl?: string,
): TokenSource {
  return async (req) => {
    const conv = store.create();
    return {
      token: tokens.issue(conv.id, conv.userId, now()),
      conversationId: conv.id,
      expires_in: tokens.ttlSeconds,
      userId: conv.userId,
      domain: `${publicBaseOf(req, publicUrl)}${DIRECT_LINE_PATH}`,
    };
  };
}

const generated = z.object({
  conversationId: z.string().min(1),
  token: z.string().min(1),
  expires_in: z.number().int().positive(),
});

/** Exchanges the Direct Line secret at Azure: POST {domain}/tokens/generate with the secret as bearer. */
export function azureTokens(opts: {
  secret: string;
  domain: string;
  fetch: FetchLike;
  timeoutMs?: number;
}): TokenSource {
  return async () => {
    const userId = newUserId();
    let res: Awaited<ReturnType<FetchLike>>;
    try {
      res = await opts.fetch(`${opts.domain}/tokens/generate`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${opts.secret}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ user: { id: userId } }),
        signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
      });
    } catch {
      throw new DirectLineExchangeError(0);
    }
    if (!res.ok) throw new DirectLineExchangeError(res.status);
    const body = generated.safeParse(await res.json().catch(() => null));
    if (!body.success) throw new DirectLineExchangeError(res.status);
    const { token, conversationId, expires_in } = body.data;
    return { token, conversationId, expires_in, userId, domain: opts.domain };
  };
}

export function registerTokenRoute(
  server: Server,
  deps: {
    source: TokenSource;
    origins: OriginPolicy;
    starts: RateLimiter;
    addressOf: (req: Request) => string;
    logger: Logger;
  },
): void {
  server.opts(TOKEN_PATH, async (req: Request, res: Response) => deps.origins.preflight(req, res));
  server.post(TOKEN_PATH, async (req: Request, res: Response) => {
    res.header('Cache-Control', 'no-store');
    if (!deps.origins.cors(req, res, true, true)) return;
    const wait = deps.starts.hit(deps.addressOf(req));
    if (wait !== null) {
      res.header('Retry-After', String(wait));
      res.send(429, { error: 'TooManyRequests', message: 'Too many new conversations. Try again soon.' });
      return;
    }
    try {
      res.send(200, await deps.source(req));
    } catch (e) {
      if (e instanceof StoreFullError) {
        res.header('Retry-After', '60');
        res.send(503, {
          error: 'Busy',
          message: 'The chat is full right now. Please try again in a minute.',
        });
        return;
      }
      if (e instanceof WebChatOffError) {
        res.send(503, { error: 'WebChatOff', message: 'The web chat is not enabled on this server.' });
        return;
      }
      if (!(e instanceof DirectLineExchangeError)) throw e;
      // The status says what went wrong (401: a wrong secret); the secret itself is never logged.
      deps.logger.warn({ route: 'webchat-token', status: e.status }, 'direct line token exchange failed');
      res.send(502, { error: 'DirectLineUnavailable', message: 'The chat service cannot be reached now.' });
    }
  });
}
