import { pooled, type MeasuredLoad } from '../../src/bench/http-compare';

function run(latencies: number[], seconds: number, cpuMs: number, firstMax: number): MeasuredLoad {
  const sorted = [...latencies].sort((a, b) => a - b);
  const responses = latencies.length + 2; // two connections: their first turns are not in `latencies`
  return {
    connections: 2,
    conversations: 2,
    seconds,
    responses,
    ok: responses,
    non2xx: 0,
    noActivities: 0,
    requestErrors: 0,
    timeouts: 0,
    turnsPerSecond: responses / seconds,
    p50: NaN,
    p95: NaN,
    p99: NaN,
    max: sorted[sorted.length - 1] ?? NaN,
    firstMax,
    latencies: sorted,
    cpuMs,
    cpuMsPerTurn: cpuMs / responses,
  };
}

describe('pooled rounds of the HTTP benchmark', () => {
  it('adds counts, time and CPU, and takes percentiles over all response times together', () => {
    // A fast round and a slow one: 100 turns at 1..100 ms, 100 at 101..200 ms.
    const fast = run(
      Array.from({ length: 100 }, (_, i) => i + 1),
      2,
      50,
      30,
    );
    const slow = run(
      Array.from({ length: 100 }, (_, i) => i + 101),
      4,
      150,
      20,
    );
    const both = pooled([fast, slow]);
    expect(both.responses).toBe(204);
    expect(both.seconds).toBe(6);
    expect(both.turnsPerSecond).toBeCloseTo(204 / 6);
    expect(both.p50).toBe(100);
    expect(both.p95).toBe(190);
    expect(both.p99).toBe(198);
    expect(both.max).toBe(200);
    expect(both.firstMax).toBe(30);
    expect(both.cpuMs).toBe(200);
    expect(both.cpuMsPerTurn).toBeCloseTo(200 / 204);
    expect(both.latencies).toHaveLength(200);
  });

  it('refuses to pool no runs', () => {
    expect(() => pooled([])).toThrow('no runs');
  });
});
