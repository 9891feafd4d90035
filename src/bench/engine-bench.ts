import { buildContent } from '../content/build-content';
import { step, type Engine } from '../engine/step';
import {
  COUNTRIES,
  LANGUAGES,
  type EngineInput,
  type PersistedConversation,
  type StepResult,
} from '../engine/types';
import { seededRng, type Rng } from './rng';

/**
 * Engine steps per second, pure engine on one core: random but realistic conversations with a fixed
 * seed. Each starts (language, sometimes a country), then mostly presses an offered choice, sometimes
 * saves an offered tip, goes to the menu or back, and ends after 10 to 60 steps.
 */
export interface EngineBenchResult {
  steps: number;
  conversations: number;
  seconds: number;
  stepsPerSecond: number;
  microsPerStep: number;
}

const NEVER_PRESSED = new Set(['delete', 'restart']);

function nextInput(r: StepResult, rng: Rng): EngineInput {
  const roll = rng.next();
  if (roll < 0.05) return { kind: 'command', name: 'menu' };
  if (roll < 0.08) return { kind: 'command', name: 'back' };
  if (roll < 0.18 && r.view.tips.length) return rng.pick(r.view.tips).payload;
  const choices = r.view.choices.filter(
    (c) => !(c.payload.kind === 'command' && NEVER_PRESSED.has(c.payload.name)),
  );
  return choices.length ? rng.pick(choices).payload : { kind: 'command', name: 'menu' };
}

function walk(engine: Engine, steps: number, seed: number): { steps: number; conversations: number } {
  const rng = seededRng(seed);
  let done = 0;
  let conversations = 0;
  let now = 1_000;
  while (done < steps) {
    conversations++;
    const country = rng.next() < 0.5 ? rng.pick(COUNTRIES) : null;
    let r = step(engine, null, { kind: 'start', lang: rng.pick(LANGUAGES), country }, now);
    done++;
    const length = 10 + rng.int(51);
    for (let i = 1; i < length && done < steps; i++) {
      const persisted: PersistedConversation | null = r.persisted;
      r = step(engine, persisted, nextInput(r, rng), (now += 1_000));
      done++;
    }
  }
  return { steps: done, conversations };
}

export function benchEngine(steps: number, seed = 42): EngineBenchResult {
  const { engine } = buildContent();
  walk(engine, Math.min(20_000, steps), seed + 1); // warm-up (JIT), other conversations
  const t0 = process.hrtime.bigint();
  const run = walk(engine, steps, seed);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return {
    ...run,
    seconds,
    stepsPerSecond: run.steps / seconds,
    microsPerStep: (seconds * 1e6) / run.steps,
  };
}
