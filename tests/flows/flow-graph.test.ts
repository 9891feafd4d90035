import { getShortestPaths } from '@xstate/graph';
import type { AnyMachineSnapshot } from 'xstate';
import { step } from '../../src/engine/step';
import { resolveTarget } from '../../src/engine/flow-ids';
import type { RoadmapContext } from '../../src/engine/types';
import { visibleChoices } from '../../src/engine/views';
import { engine, press } from '../helpers/engine';

/**
 * Model-based tests over the compiled machine: @xstate/graph explores every choice event (the
 * events are listed per state, so guarded branches are explored with the context the path built).
 */
const idOf = (s: AnyMachineSnapshot) => {
  const [flow, state] = Object.entries(s.value as Record<string, string>)[0]!;
  return `${flow}.${state}`;
};

const input: RoadmapContext = { lang: 'en', country: null, perspective: null, answers: {}, savedTips: [] };

function paths() {
  const { machine, index } = engine();
  return getShortestPaths(machine, {
    input,
    events: (s: AnyMachineSnapshot) =>
      index.states.get(idOf(s))!.def.choices.map((c) => ({ type: `choice.${c.id}` })),
    // Language and answers do not change where a choice leads: leave them out to keep the graph small.
    serializeState: (s: AnyMachineSnapshot) => {
      const c = s.context as RoadmapContext;
      return JSON.stringify([s.value, c.country, c.perspective, c.workStatus ?? null]);
    },
  });
}

describe('flow graph (model-based)', () => {
  const all = paths();
  const { index } = engine();

  it('reaches every state from the entry or a global command', () => {
    const reached = new Set(all.map((p) => idOf(p.state)));
    const commandOnly = ['entry.setCountry', 'entry.talk'];
    const missing = [...index.states.keys()].filter((id) => !reached.has(id) && !commandOnly.includes(id));
    expect(missing).toEqual([]);
    expect(reached.size).toBeGreaterThan(15);
  });

  it('every reached state offers at least one way forward in the context that reached it', () => {
    const stuck = all
      .filter(
        (p) =>
          visibleChoices(index, index.states.get(idOf(p.state))!, p.state.context as RoadmapContext)
            .length === 0,
      )
      .map((p) => idOf(p.state));
    expect(stuck).toEqual([]);
  });

  it('every choice target exists (or is $menu / $return)', () => {
    for (const e of index.states.values())
      for (const c of e.def.choices) {
        const target = resolveTarget(e.flow.id, c.to);
        expect(target.startsWith('$') || index.states.has(target)).toBe(true);
      }
  });

  it('the engine follows every shortest path the same way as the machine', () => {
    let replayed = 0;
    for (const path of all) {
      let r = step(engine(), null, { kind: 'start', lang: 'en' }, 1);
      let returned = false;
      for (const s of path.steps) {
        if (s.event.type.startsWith('xstate.')) continue;
        const choiceId = s.event.type.slice('choice.'.length);
        const entry = index.states.get(r.view.state)!;
        if (
          resolveTarget(entry.flow.id, entry.def.choices.find((c) => c.id === choiceId)!.to) === '$return'
        ) {
          returned = true; // the engine returns through history, which the bare machine does not model
          break;
        }
        r = step(engine(), r.persisted, press(r, choiceId), 1);
      }
      if (returned) continue;
      expect(r.view.state).toBe(idOf(path.state));
      replayed++;
    }
    expect(replayed).toBeGreaterThan(15);
  });
});
