/**
 * A fixed-window rate limiter keyed by any string (a conversation, a client address). Memory is
 * bounded: at most `maxKeys` windows are kept, the oldest dropped first. The clock is injected.
 * Hand-written: it is a few lines, and the maintained restify throttle plugin keys by address only.
 */
export interface RateLimiter {
  /** null when allowed; otherwise the seconds to wait before trying again. */
  hit(key: string): number | null;
}

export function createRateLimiter(opts: {
  limit: number;
  windowMs: number;
  maxKeys?: number;
  now?: () => number;
}): RateLimiter {
  const now = opts.now ?? (() => Date.now());
  const maxKeys = opts.maxKeys ?? 100_000;
  const windows = new Map<string, { start: number; count: number }>();
  return {
    hit(key) {
      const t = now();
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
  };
}
