import { transition, type AnyMachineSnapshot } from 'xstate';
import { choiceEvent } from '../../src/engine/flow-ids';
import { COUNTRIES, PERSPECTIVES, WORK_STATUSES, type RoadmapContext } from '../../src/engine/types';
import { engine } from '../helpers/engine';

// The engine's reusable transition must give exactly what xstate's own pure transition() gives, for every
// choice of every state, in contexts that make the guards go both ways.
const contexts: RoadmapContext[] = [
  { lang: 'en', country: null, perspective: null, workStatus: null, answers: {}, savedTips: [] },
  ...PERSPECTIVES.flatMap((perspective, i) =>
    WORK_STATUSES.map((workStatus, j) => ({
      lang: 'nl' as const,
      country: COUNTRIES[(i + j) % COUNTRIES.length] ?? null,
      perspective,
      workStatus,
      answers: { 'boss.what': 'little' },
      savedTips: ['some-tip'],
    })),
  ),
];

const toValue = (id: string) => ({ [id.slice(0, id.indexOf('.'))]: id.slice(id.indexOf('.') + 1) });
const summary = (s: AnyMachineSnapshot) => ({ value: s.value, context: s.context, status: s.status });

describe('pure transition (one reusable scope) equals xstate transition()', () => {
  it('for every choice of every state, in every kind of context', () => {
    const e = engine();
    let compared = 0;
    for (const [id, entry] of e.index.states)
      for (const context of contexts) {
        const snapshot = e.machine.resolveState({ value: toValue(id), context });
        for (const choice of entry.def.choices) {
          const event = { type: choiceEvent(choice.id) };
          const [expected] = transition(e.machine, snapshot, event);
          // Twice: the reused scope must not carry anything from one call to the next.
          expect(summary(e.transition(snapshot, event))).toEqual(summary(expected));
          expect(summary(e.transition(snapshot, event))).toEqual(summary(expected));
          compared++;
        }
      }
    console.log(`pure transition: ${compared} transitions compared with xstate transition()`);
    expect(compared).toBeGreaterThan(1000);
  });

  it('leaves the snapshot it was given unchanged', () => {
    const e = engine();
    const [id, entry] = [...e.index.states].find(([, s]) => s.def.choices.length > 0)!;
    const context = contexts[1]!;
    const snapshot = e.machine.resolveState({ value: toValue(id), context });
    const before = JSON.stringify(summary(snapshot));
    e.transition(snapshot, { type: choiceEvent(entry.def.choices[0]!.id) });
    expect(JSON.stringify(summary(snapshot))).toBe(before);
  });
});
