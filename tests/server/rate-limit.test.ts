import { createRateLimiter } from '../../src/server/rate-limit';

describe('rate limiter', () => {
  it('allows the limit per window, then says how long to wait, then allows again', () => {
    let t = 0;
    const rl = createRateLimiter({ limit: 3, windowMs: 10_000, now: () => t });
    expect([rl.hit('a'), rl.hit('a'), rl.hit('a')]).toEqual([null, null, null]);
    expect(rl.hit('a')).toBe(10);
    expect(rl.hit('b')).toBeNull();
    t = 7_500;
    expect(rl.hit('a')).toBe(3);
    t = 10_000;
    expect(rl.hit('a')).toBeNull();
  });

  it('keeps at most maxKeys windows', () => {
    const rl = createRateLimiter({ limit: 1, windowMs: 60_000, maxKeys: 2, now: () => 0 });
    rl.hit('a');
    rl.hit('b');
    rl.hit('c'); // drops "a"
    expect(rl.hit('a')).toBeNull();
    expect(rl.hit('c')).toBe(60);
  });
});
