import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics of the bot (served on /metrics). One registry per app, so tests stay isolated. */
export interface Metrics {
  registry: Registry;
  turns: Counter<'channel' | 'outcome'>;
  turnSeconds: Histogram<'channel'>;
  storeSeconds: Histogram<'op'>;
  errors: Counter<'kind'>;
  rateLimited: Counter<'scope'>;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    turns: new Counter({
      name: 'roadmap_turns_total',
      help: 'Turns handled, by channel and outcome',
      labelNames: ['channel', 'outcome'],
      registers: [registry],
    }),
    turnSeconds: new Histogram({
      name: 'roadmap_turn_duration_seconds',
      help: 'Time to handle one turn',
      labelNames: ['channel'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    storeSeconds: new Histogram({
      name: 'roadmap_store_duration_seconds',
      help: 'Time of one storage operation',
      labelNames: ['op'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 1, 5],
      registers: [registry],
    }),
    errors: new Counter({
      name: 'roadmap_errors_total',
      help: 'Errors, by kind',
      labelNames: ['kind'],
      registers: [registry],
    }),
    rateLimited: new Counter({
      name: 'roadmap_rate_limited_total',
      help: 'Requests refused with 429, by scope',
      labelNames: ['scope'],
      registers: [registry],
    }),
  };
}
