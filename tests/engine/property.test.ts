import fc from 'fast-check';
import { step } from '../../src/engine/step';
import {
  COMMANDS,
  LANGUAGES,
  type EngineInput,
  type PersistedConversation,
  type StepResult,
} from '../../src/engine/types';
import { engine } from '../helpers/engine';

/**
 * Property-based: random sequences of button presses (valid, stale, forged), commands, tip saves,
 * language and country switches and unknown text, across all perspectives, never throw, always
 * answer, and always leave a way forward.
 */
const action = fc.record({
  kind: fc.constantFrom('press', 'press', 'press', 'stale', 'forged', 'command', 'tip', 'unknown', 'restart'),
  n: fc.nat(1000),
  s: fc.string({ maxLength: 12 }),
});

function interpret(a: { kind: string; n: number; s: string }, r: StepResult, old: StepResult[]): EngineInput {
  switch (a.kind) {
    case 'press':
      return r.view.choices.length
        ? r.view.choices[a.n % r.view.choices.length]!.payload
        : { kind: 'unknown' };
    case 'stale': {
      const earlier = old[a.n % old.length]!;
      return earlier.view.choices.length
        ? earlier.view.choices[a.n % earlier.view.choices.length]!.payload
        : { kind: 'unknown' };
    }
    case 'forged':
      return { kind: 'choice', state: a.n % 2 ? r.view.state : a.s, choice: a.s, v: a.s };
    case 'command':
      return { kind: 'command', name: COMMANDS[a.n % COMMANDS.length]! };
    case 'tip':
      return r.view.tips.length && a.n % 3
        ? r.view.tips[a.n % r.view.tips.length]!.payload
        : { kind: 'tip', op: a.n % 2 ? 'save' : 'remove', tip: a.s };
    case 'restart':
      return { kind: 'start', lang: LANGUAGES[a.n % 3]!, country: null };
    default:
      return { kind: 'unknown' };
  }
}

/** The invariants, as plain checks (jest's expect is too slow for ~100 000 steps). */
function check(r: StepResult): void {
  const { index } = engine();
  const fail = (why: string) => {
    throw new Error(`${why} at ${r.view.state} (${r.view.event})`);
  };
  if (!r.view.messages.length && !r.view.tips.length) fail('no answer');
  if (!r.view.choices.length) fail('no way forward');
  if (!LANGUAGES.includes(r.view.lang)) fail(`bad language ${r.view.lang}`);
  if (r.persisted) {
    if (!index.states.has(r.persisted.state)) fail(`unknown state ${r.persisted.state}`);
    if (r.persisted.history.length > 30) fail('history grows without bound');
    if (r.persisted.context.savedTips.some((t) => !index.tips.has(t))) fail('saved an unknown tip');
  } else if (!r.view.effects.includes('deleteData')) fail('state lost without delete');
}

describe('engine properties', () => {
  it('never throws, always answers, always leaves a way forward (10 000 random conversations)', () => {
    let steps = 0;
    fc.assert(
      fc.property(
        fc.constantFrom(...LANGUAGES),
        fc.array(action, { minLength: 1, maxLength: 14 }),
        (lang, actions) => {
          let r = step(engine(), null, { kind: 'start', lang }, 0);
          const seen: StepResult[] = [r];
          for (const a of actions) {
            const persisted: PersistedConversation | null = r.persisted;
            r = step(engine(), persisted, interpret(a, r, seen), ++steps);
            check(r);
            seen.push(r);
          }
        },
      ),
      { numRuns: 10_000 },
    );
    expect(steps).toBeGreaterThan(10_000);
  });
});
