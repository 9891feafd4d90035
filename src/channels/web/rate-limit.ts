/**
 * A small fixed-window limit per key (the client's address): at most `max` hits per `windowMs`.
 * Bounded: the table is emptied every window, and never holds more than `maxKeys` entries.
 */
export interface RateLimiter {
  /** True when the hit is allowed; false when the key has used its share of this window. */
  hit(key: string): boolean;
}

export function createRateLimiter(
  max: number,
  windowMs: number,
  now: () => number,
  maxKeys = 10_000,
): RateLimiter {
  let windowStart = now();
  let hits = new Map<string, number>();
  return {
    hit(key) {
      const t = now();
      if (t - windowStart >= windowMs) {
        windowStart = t;
        hits = new Map();
      }
      const n = (hits.get(key) ?? 0) + 1;
      if (n > max) return false;
      if (!hits.has(key) && hits.size >= maxKeys) return false;
      hits.set(key, n);
      return true;
    },
  };
}
