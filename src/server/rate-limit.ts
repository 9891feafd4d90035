import { createHash } from 'node:crypto';

/**
 * A fixed-window rate limiter keyed by any string (a conversation, a client address). Memory is
 * bounded: keys are hashed to a fixed length, windows that have ended are dropped as time goes on, and at
 * most `maxKeys` windows are kept (the oldest dropped first). The clock is injected.
 * Hand-written: it is a few lines, and the maintained restify throttle plugin keys by address only.
 */
export interface RateLimiter {
  /** null when allowed; otherwise the seconds to wait before trying again. */
  hit(key: string): number | null;
  /** Windows held (for tests and metrics). */
  readonly size: number;
  /** Takes back one hit of this window (a request that turned out not to count, e.g. refused with 401). */
  refund(key: string): void;
}

/** Fixed-length keys: a forged 200 KB conversation id costs no more memory than a real one. */
const keyOf = (key: string) =>
  key.length <= 64 ? key : createHash('sha256').update(key).digest('base64url');

export function createRateLimiter(opts: {
  limit: number;
  windowMs: number;
  maxKeys?: number;
  now?: () => number;
}): RateLimiter {
  const now = opts.now ?? (() => Date.now());
  const maxKeys = opts.maxKeys ?? 100_000;
  // Insertion order is start order (a new window is re-inserted), so ended windows sit at the front.
  const windows = new Map<string, { start: number; count: number }>();
  const dropEnded = (t: number) => {
    for (const [k, w] of windows) {
      if (t - w.start < opts.windowMs) break;
      windows.delete(k);
    }
  };
  return {
    get size() {
      return windows.size;
    },
    hit(rawKey) {
      const key = keyOf(rawKey);
      const t = now();
      dropEnded(t);
      let w = windows.get(key);
      if (!w || t - w.start >= opts.windowMs) {
        windows.delete(key);
        w = { start: t, count: 0 };
        windows.set(key, w);
        if (windows.size > maxKeys) windows.delete(windows.keys().next().value as string);
      }
      w.count += 1;
      if (w.count <= opts.limit) return null;
      return Math.max(1, Math.ceil((w.start + opts.windowMs - t) / 1000));
    },
    refund(rawKey) {
      const w = windows.get(keyOf(rawKey));
      if (w && w.count > 0) w.count -= 1;
    },
  };
}
