import type { Request, Response } from 'restify';
import { createRateLimiter } from './rate-limit';

/**
 * The request limits of the turn endpoints (/api/messages and Direct Line's activities): so many
 * requests per conversation and per client address in each window. A refusal is a 429 with Retry-After.
 *
 * Per address counts the TCP peer (an IPv6 /64 as one), or with `trustProxy` the last X-Forwarded-For entry. Bot
 * Framework channels (Teams, Azure Direct Line) all reach /api/messages from Microsoft's addresses: the
 * per-address limit there must stay generous; the per-conversation limit is the one that protects.
 */
export type LimitScope = 'conversation' | 'address';

export interface Refusal {
  scope: LimitScope;
  /** Seconds until the window ends. */
  retryAfter: number;
}

export interface RequestLimits {
  /** null when the request may go on; otherwise why and for how long it is refused. */
  check(req: Request, conversation?: string): Refusal | null;
  /**
   * Takes back the conversation's hit of a request that was refused afterwards (401: not from a Bot
   * Framework channel), so forged requests cannot use up a real conversation's share. The address keeps it.
   */
  refund(conversation: string): void;
  addressOf(req: Request): string;
}

export interface RequestLimitOptions {
  perConversation: number;
  perAddress: number;
  windowSeconds: number;
  trustProxy: boolean;
  now?: () => number;
  /** Called on each refusal (metrics). */
  onRefused?: (scope: LimitScope) => void;
}

/**
 * IPv6 clients usually hold a whole /64: counted as one address. IPv4 (also IPv4-mapped) as it is.
 */
export function addressKey(address: string): string {
  const ip = address.replace(/^::ffff:(?=\d+\.)/i, '');
  if (!ip.includes(':')) return ip;
  const [head = '', tail = ''] = ip.split('::');
  const headParts = head ? head.split(':') : [];
  const tailParts = tail ? tail.split(':') : [];
  const missing = ip.includes('::') ? 8 - headParts.length - tailParts.length : 0;
  const groups = [...headParts, ...Array<string>(Math.max(0, missing)).fill('0'), ...tailParts];
  return `${groups
    .slice(0, 4)
    .map((g) => g.toLowerCase().replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/**
 * The client's address. With `trustProxy` (only behind a reverse proxy you run), the last X-Forwarded-For
 * entry: the one your proxy added. Earlier entries are written by the client and prove nothing.
 */
export function clientAddress(req: Request, trustProxy: boolean): string {
  if (trustProxy) {
    const entries = String(req.headers['x-forwarded-for'] ?? '')
      .split(',')
      .map((e) => e.trim())
      .filter(Boolean);
    const last = entries[entries.length - 1];
    if (last) return addressKey(last.slice(0, 64));
  }
  return addressKey(req.socket?.remoteAddress ?? 'unknown');
}

export function createRequestLimits(opts: RequestLimitOptions): RequestLimits {
  const windowMs = opts.windowSeconds * 1000;
  const limiter = (limit: number) =>
    limit > 0 ? createRateLimiter({ limit, windowMs, now: opts.now }) : undefined;
  const byConversation = limiter(opts.perConversation);
  const byAddress = limiter(opts.perAddress);
  const addressOf = (req: Request) => clientAddress(req, opts.trustProxy);
  const refuse = (scope: LimitScope, retryAfter: number): Refusal => {
    opts.onRefused?.(scope);
    return { scope, retryAfter };
  };
  return {
    addressOf,
    refund(conversation) {
      byConversation?.refund(conversation);
    },
    check(req, conversation) {
      const byAddr = byAddress?.hit(addressOf(req)) ?? null;
      if (byAddr !== null) return refuse('address', byAddr);
      const byConv = conversation ? (byConversation?.hit(conversation) ?? null) : null;
      if (byConv !== null) return refuse('conversation', byConv);
      return null;
    },
  };
}

/** Answers a refused request: 429, Retry-After, and a reason. */
export function sendTooManyRequests(res: Response, refusal: Refusal): void {
  res.header('Retry-After', String(refusal.retryAfter));
  res.send(429, {
    error: 'TooManyRequests',
    message:
      refusal.scope === 'conversation'
        ? 'Too many messages in this conversation. Please wait a moment.'
        : 'Too many requests from this address. Please wait a moment.',
  });
}
