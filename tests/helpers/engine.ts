import path from 'node:path';
import { loadContent } from '../../src/content/load-content';
import { createEngine, step, type Engine } from '../../src/engine/step';
import type { EngineInput, PersistedConversation, StepResult } from '../../src/engine/types';

export const ROOT = path.resolve(__dirname, '..', '..');

let cached: Engine | undefined;
export function engine(): Engine {
  cached ??= createEngine(loadContent(path.join(ROOT, 'flows')));
  return cached;
}

/** Drives the pure engine through a list of inputs; returns every result. */
export function drive(
  inputs: EngineInput[],
  start: PersistedConversation | null = null,
  now = 1_000,
): StepResult[] {
  const results: StepResult[] = [];
  let persisted = start;
  for (const input of inputs) {
    const r = step(engine(), persisted, input, now);
    results.push(r);
    persisted = r.persisted;
  }
  return results;
}

/** The payload of the choice with this id in a view (throws if it is not offered). */
export function press(r: StepResult, id: string): EngineInput {
  const c = r.view.choices.find((x) => x.id === id);
  if (!c)
    throw new Error(
      `choice "${id}" not offered in ${r.view.state}: ${r.view.choices.map((x) => x.id).join(', ')}`,
    );
  return c.payload;
}

/** Runs a path of choice ids from a fresh start in `lang`. */
export function walk(ids: string[], lang: 'en' | 'nl' | 'fr' = 'en'): StepResult {
  let r = step(engine(), null, { kind: 'start', lang }, 1_000);
  for (const id of ids) r = step(engine(), r.persisted, press(r, id), 1_000);
  return r;
}
