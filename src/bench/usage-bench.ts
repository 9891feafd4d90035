import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildContent, type AppContent } from '../content/build-content';
import { LmdbStorage } from '../storage/lmdb-storage';
import { runTurn } from '../turn/run-turn';
import { step } from '../engine/step';
import {
  COUNTRIES,
  LANGUAGES,
  type EngineInput,
  type PersistedConversation,
  type StepResult,
} from '../engine/types';
import type { Storage, StoreItems } from '../storage/storage-types';
import { UsageCounters } from '../usage/usage-counters';
import { usageOfTurn } from '../usage/usage-events';
import { seededRng, type Rng } from './rng';

/**
 * What the anonymous usage counters cost a turn: the same seeded walk through the engine twice, once with
 * each turn's events derived and counted (and the counts written to an in-memory store at the end, as the
 * periodic flush does), once without. Their difference, per step and as a share of the engine step alone
 * (a stricter base than a whole HTTP turn, which also parses, stores and renders).
 */
export interface UsageBenchResult {
  steps: number;
  microsWithout: number;
  microsWith: number;
  overheadMicros: number;
  /** A whole turn in process (runTurn on lmdb: read, understand, step, translate, write; no HTTP), µs. */
  microsPerTurn: number;
  overheadPercent: number;
}

function nextInput(r: StepResult, rng: Rng): EngineInput {
  const roll = rng.next();
  if (roll < 0.05) return { kind: 'command', name: 'menu' };
  if (roll < 0.18 && r.view.tips.length) return rng.pick(r.view.tips).payload;
  const choices = r.view.choices.filter((c) => c.payload.kind !== 'command');
  return choices.length ? rng.pick(choices).payload : { kind: 'command', name: 'menu' };
}

class MemoryStore implements Storage {
  private items: StoreItems = {};
  private n = 0;
  async read(keys: string[]) {
    return Object.fromEntries(keys.flatMap((k) => (this.items[k] ? [[k, this.items[k]]] : [])));
  }
  async write(changes: StoreItems) {
    for (const [k, v] of Object.entries(changes)) this.items[k] = { ...v, eTag: String(++this.n) };
  }
  async delete(keys: string[]) {
    for (const k of keys) delete this.items[k];
  }
}

/** µs per turn through runTurn on a fresh lmdb store: conversations of 20 presses of an offered choice. */
async function turnMicros(content: AppContent, turns: number, rng: Rng): Promise<number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-usage-'));
  const storage = LmdbStorage.open({ path: dir, ttlMs: 3600_000 });
  const deps = {
    engine: content.engine,
    storage,
    i18n: content.i18n,
    lexicon: content.lexicon,
    now: Date.now,
    retentionDays: 30,
  };
  try {
    let done = 0;
    let c = 0;
    const t0 = process.hrtime.bigint();
    while (done < turns) {
      const keys = { conversation: `conv/bench/${c++}` };
      let r = await runTurn(deps, keys, { kind: 'start', locale: rng.pick(['en', 'nl', 'fr']) });
      for (let i = 0; i < 20 && done < turns; i++, done++) {
        const choices = r.view.choices.filter((x) => x.payload.kind !== 'command');
        const payload = choices.length ? rng.pick(choices).payload : { kind: 'command', name: 'menu' };
        r = await runTurn(deps, keys, { kind: 'payload', value: payload });
      }
    }
    return Number(process.hrtime.bigint() - t0) / 1e3 / done;
  } finally {
    await storage.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchUsage(steps: number, seed = 7): Promise<UsageBenchResult> {
  const content = buildContent();
  const { engine } = content;
  const run = async (count: boolean): Promise<number> => {
    const rng = seededRng(seed);
    const counters = new UsageCounters(new MemoryStore(), () => 1_800_000_000_000, undefined, 0);
    let done = 0;
    let now = 1_000;
    const t0 = process.hrtime.bigint();
    while (done < steps) {
      const lang = rng.pick(LANGUAGES);
      const country = rng.pick(COUNTRIES);
      let before: PersistedConversation | undefined;
      let input: EngineInput = { kind: 'start', lang, country };
      for (let i = 0; i < 30 && done < steps; i++, done++) {
        const r = step(engine, before ?? null, input, (now += 1_000));
        if (count) {
          const events = usageOfTurn(engine.index, before, input, r.view, r.persisted);
          counters.record(events, {
            lang,
            country,
            perspective: r.persisted?.context.perspective ?? 'none',
            channel: 'webchat',
          });
        }
        before = r.persisted ?? undefined;
        input = nextInput(r, rng);
      }
    }
    await counters.flush();
    return Number(process.hrtime.bigint() - t0) / 1e3 / steps;
  };
  await run(true); // warm-up (JIT)
  await run(false);
  const without = ((await run(false)) + (await run(false))) / 2;
  const withUsage = ((await run(true)) + (await run(true))) / 2;
  await turnMicros(content, 1000, seededRng(seed)); // warm-up
  const microsPerTurn = await turnMicros(content, 5000, seededRng(seed + 1));
  return {
    steps,
    microsWithout: without,
    microsWith: withUsage,
    overheadMicros: withUsage - without,
    microsPerTurn,
    overheadPercent: ((withUsage - without) / microsPerTurn) * 100,
  };
}
