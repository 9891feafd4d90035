import autocannon from 'autocannon';
import { nextActivity, readReplies, type Conversation, type Outcome } from './conversation';
import type { Rng } from './rng';
import { max, percentile, sortNumbers } from './stats';

/**
 * Drives POST /api/messages with autocannon. Each connection owns its own conversations (connection i
 * gets conversations i, i + connections, …, taking turns among them), so N connections with N
 * conversations are N users talking at once, each waiting for the reply before the next message. Every
 * reply is checked (2xx and at least one activity). Latency is kept for every response (autocannon's
 * per-response time), so the percentiles are exact, not read off a histogram. The first response of each
 * connection is kept apart: its time includes opening the TCP connection, and all connections open at
 * the same instant (with 200 of them some SYNs are retried after 1 s or more), which says nothing of
 * the server's turns; it still counts in the throughput and the error checks.
 */
export interface LoadOptions {
  url: string;
  connections: number;
  conversations: Conversation[];
  rng: Rng;
  /** Seconds to run for; or */
  durationS?: number;
  /** exactly this many turns. */
  amount?: number;
}

export interface LoadResult {
  connections: number;
  conversations: number;
  seconds: number;
  responses: number;
  ok: number;
  non2xx: number;
  noActivities: number;
  /** Connection errors and timeouts (autocannon's count). */
  requestErrors: number;
  timeouts: number;
  turnsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** The slowest first response of a connection (connect + first turn). */
  firstMax: number;
  /** Every response time but each connection's first, ms, ascending (the percentiles above are of these). */
  latencies: number[];
}

export async function runLoad(o: LoadOptions): Promise<LoadResult> {
  if (o.conversations.length < o.connections) throw new Error('fewer conversations than connections');
  const counts: Record<Outcome, number> = { ok: 0, non2xx: 0, noActivities: 0 };
  const latencies: number[] = [];
  const firsts: number[] = [];
  const answered = new Set<autocannon.Client>();
  let clients = 0;
  let started = 0;
  let lastResponse = 0;

  const setupClient = (client: autocannon.Client) => {
    const i = clients++;
    const mine = o.conversations.filter((_, k) => k % o.connections === i);
    let turn = 0;
    let current = mine[0] as Conversation;
    client.setRequests([
      {
        setupRequest: (req) => {
          current = mine[turn++ % mine.length] as Conversation;
          return {
            ...req,
            method: 'POST',
            path: '/api/messages',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(nextActivity(current, o.rng)),
          };
        },
        onResponse: (status, body) => {
          counts[readReplies(current, status, body)]++;
        },
      },
    ]);
  };

  started = performance.now();
  const instance = autocannon({
    url: o.url,
    connections: o.connections,
    pipelining: 1,
    timeout: 30,
    ...(o.amount ? { amount: o.amount } : { duration: o.durationS ?? 10 }),
    setupClient,
  });
  instance.on('response', (client, _status, _bytes, ms) => {
    if (answered.has(client)) latencies.push(ms);
    else {
      answered.add(client);
      firsts.push(ms);
    }
    lastResponse = performance.now();
  });
  const result = await instance;
  sortNumbers(latencies);
  const seconds = ((lastResponse || performance.now()) - started) / 1000;
  return {
    connections: o.connections,
    conversations: o.conversations.length,
    seconds,
    responses: latencies.length + firsts.length,
    ok: counts.ok,
    non2xx: counts.non2xx,
    noActivities: counts.noActivities,
    requestErrors: result.errors,
    timeouts: result.timeouts,
    turnsPerSecond: counts.ok / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: latencies[latencies.length - 1] ?? NaN,
    firstMax: max(firsts),
    latencies,
  };
}

/**
 * Several runs of the same load taken as one: counts and seconds added up, percentiles over all their
 * response times together (not an average of percentiles).
 */
export function mergeLoads(runs: readonly LoadResult[]): LoadResult {
  const first = runs[0];
  if (!first) throw new Error('mergeLoads: no runs');
  const sum = (pick: (r: LoadResult) => number) => runs.reduce((n, r) => n + pick(r), 0);
  const latencies = sortNumbers(runs.flatMap((r) => r.latencies));
  const seconds = sum((r) => r.seconds);
  const ok = sum((r) => r.ok);
  return {
    connections: first.connections,
    conversations: sum((r) => r.conversations),
    seconds,
    responses: sum((r) => r.responses),
    ok,
    non2xx: sum((r) => r.non2xx),
    noActivities: sum((r) => r.noActivities),
    requestErrors: sum((r) => r.requestErrors),
    timeouts: sum((r) => r.timeouts),
    turnsPerSecond: ok / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: latencies[latencies.length - 1] ?? NaN,
    firstMax: max(runs.map((r) => r.firstMax)),
    latencies,
  };
}

/** Errors of a run: bad statuses, replies without activities, connection errors and timeouts. */
export const errorsOf = (r: LoadResult): number => r.non2xx + r.noActivities + r.requestErrors;
