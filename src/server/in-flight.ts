import type { Server } from 'restify';

/** Counts the requests being answered, so a shutdown can wait for them (and only them) to finish. */
export interface InFlight {
  readonly count: number;
  /** Resolves when no request is in flight, or after `graceMs` (true when all finished). */
  drained(graceMs: number): Promise<boolean>;
}

export function trackInFlight(server: Server): InFlight {
  let count = 0;
  let waiters: (() => void)[] = [];
  server.pre((req, res, next) => {
    count += 1;
    res.once('close', () => {
      count -= 1;
      if (count === 0) {
        const ws = waiters;
        waiters = [];
        for (const w of ws) w();
      }
    });
    return next();
  });
  return {
    get count() {
      return count;
    },
    drained(graceMs) {
      if (count === 0) return Promise.resolve(true);
      return new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), graceMs);
        timer.unref();
        waiters.push(() => {
          clearTimeout(timer);
          resolve(true);
        });
      });
    },
  };
}
