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

describe('rate limiter memory and refunds', () => {
  it('drops ended windows as time goes on, and hashes long keys', () => {
    let t = 0;
    const rl = createRateLimiter({ limit: 1, windowMs: 1_000, now: () => t });
    for (let i = 0; i < 1_000; i += 1) rl.hit(`${'x'.repeat(10_000)}${i}`);
    expect(rl.size).toBe(1_000);
    expect(rl.hit(`${'x'.repeat(10_000)}1`)).toBe(1);
    t = 5_000;
    rl.hit('fresh');
    // The 1 000 ended windows are gone.
    expect(rl.size).toBe(1);
  });

  it('a refunded hit does not count', () => {
    const rl = createRateLimiter({ limit: 2, windowMs: 60_000, now: () => 0 });
    rl.hit('c');
    rl.hit('c');
    rl.refund('c');
    expect(rl.hit('c')).toBeNull();
    expect(rl.hit('c')).toBe(60);
  });
});
