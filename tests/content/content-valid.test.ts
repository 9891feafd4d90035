import path from 'node:path';
import { buildContent } from '../../src/content/build-content';
import { ContentError, loadContent } from '../../src/content/load-content';
import { keyChecker, loadLocales } from '../../src/content/locales';
import { indexContent, type ContentBundle } from '../../src/engine/content-bundle';
import type { FlowChoice, FlowState } from '../../src/engine/flow-schema';
import { validateContent } from '../../src/engine/validate-flows';
import { FLOWS_DIR, LOCALES_DIR, ROOT } from './content-helpers';

/**
 * Content is validated like code: the real content passes every layer, and each kind of mistake
 * a writer can make is reported with the file, the state and what to fix.
 */
const real = loadContent(FLOWS_DIR);
const hasKey = keyChecker(loadLocales(LOCALES_DIR));
const baseline = validateContent(indexContent(real), hasKey);

function stateOf(bundle: ContentBundle, flowId: string, name: string): FlowState {
  const state = bundle.flows.find((f) => f.flow.id === flowId)?.flow.states[name];
  if (!state) throw new Error(`test setup: flows/ has no state ${flowId}.${name}; update this test`);
  return state;
}

function choiceOf(state: FlowState, id: string): FlowChoice {
  const choice = state.choices.find((c) => c.id === id);
  if (!choice) throw new Error(`test setup: no choice "${id}"; update this test`);
  return choice;
}

/** The errors a mutation of a deep copy of the real content adds (the real content itself is clean). */
function errorsAfter(mutate: (b: ContentBundle) => void, keys: (key: string) => boolean = hasKey): string[] {
  const bundle = structuredClone(real);
  mutate(bundle);
  return validateContent(indexContent(bundle), keys).filter((e) => !baseline.includes(e));
}

describe('the real content', () => {
  it('builds: schema, graph, keys and the compiled machine', () => {
    const app = buildContent(ROOT);
    expect(app.engine.index.states.size).toBeGreaterThan(10);
    expect(app.engine.index.states.has(app.engine.index.entryState)).toBe(true);
  });

  it('has no graph or cross-reference problems', () => {
    expect(baseline).toEqual([]);
  });
});

interface BrokenCase {
  name: string;
  mutate: (b: ContentBundle) => void;
  keys?: (key: string) => boolean;
  /** Every part must appear in the single error the mutation adds. */
  parts: string[];
}

const cases: BrokenCase[] = [
  {
    name: 'an unknown target',
    mutate: (b) => {
      choiceOf(stateOf(b, 'employee', 'diagnosis'), 'next').to = 'treatmnt';
    },
    parts: [
      'flows/employee.yaml',
      'state "diagnosis"',
      'choice "next"',
      'target "treatmnt" does not exist',
      'Fix: name a state of this flow or flow:state',
    ],
  },
  {
    name: 'an unknown target in another flow',
    mutate: (b) => {
      choiceOf(stateOf(b, 'employee', 'relapse'), 'talk').to = 'entry:talkk';
    },
    parts: ['flows/employee.yaml', 'state "relapse"', 'target "entry:talkk" does not exist', 'Fix:'],
  },
  {
    name: 'an unknown special target',
    mutate: (b) => {
      choiceOf(stateOf(b, 'entry', 'talk'), 'done').to = '$home';
    },
    parts: [
      'flows/entry.yaml',
      'state "talk"',
      'unknown special target "$home"',
      'Fix: use $menu or $return',
    ],
  },
  {
    name: 'an unknown guard name',
    mutate: (b) => {
      choiceOf(stateOf(b, 'employee', 'diagnosis'), 'rights').guard = 'countryKnwon';
    },
    parts: [
      'flows/employee.yaml',
      'state "diagnosis"',
      'choice "rights" guard',
      'unknown guard "countryKnwon"',
      'Fix: use one of countryKnown, countryUnknown',
    ],
  },
  {
    name: 'a code string where a named guard is expected',
    mutate: (b) => {
      choiceOf(stateOf(b, 'employee', 'diagnosis'), 'rights').guard = 'context.country !== null';
    },
    parts: ['flows/employee.yaml', 'state "diagnosis"', 'unknown guard "context.country !== null"', 'Fix:'],
  },
  {
    name: 'a guard with bad params',
    mutate: (b) => {
      choiceOf(stateOf(b, 'employee', 'diagnosis'), 'rights').guard = {
        type: 'countryIs',
        params: { country: 'DE' },
      };
    },
    parts: ['flows/employee.yaml', 'state "diagnosis"', 'guard "countryIs"', 'must be one of BE, NL, FR, UK'],
  },
  {
    name: 'an unknown action name',
    mutate: (b) => {
      choiceOf(stateOf(b, 'entry', 'welcome'), 'employee').actions = [
        { type: 'setPerspectiv', params: { perspective: 'employee' } },
      ];
    },
    parts: [
      'flows/entry.yaml',
      'state "welcome"',
      'choice "employee" action',
      'unknown action "setPerspectiv"',
      'Fix: use one of setLanguage, setCountry, setPerspective',
    ],
  },
  {
    name: 'an action with bad params (setCountry XX)',
    mutate: (b) => {
      choiceOf(stateOf(b, 'entry', 'country'), 'BE').actions = [
        { type: 'setCountry', params: { country: 'XX' } },
      ];
    },
    parts: [
      'flows/entry.yaml',
      'state "country"',
      'choice "BE" action',
      'action "setCountry"',
      'param "country" must be one of BE, NL, FR, UK',
    ],
  },
  {
    name: 'an unknown tip id',
    mutate: (b) => {
      stateOf(b, 'employee', 'diagnosis').tips.push('emp-diag-typo');
    },
    parts: [
      'flows/employee.yaml',
      'state "diagnosis"',
      'tip "emp-diag-typo"',
      'not in flows/tips.yaml',
      'Fix: add it there',
    ],
  },
  {
    name: 'an unknown fact id',
    mutate: (b) => {
      const facts = stateOf(b, 'employee', 'treatment').facts;
      facts.BE = [...(facts.BE ?? []), 'BE-999'];
    },
    parts: [
      'flows/employee.yaml',
      'state "treatment"',
      'facts BE',
      'fact "BE-999" is not in flows/facts/',
      'Fix: add it there with its sources',
    ],
  },
  {
    name: 'a fact listed under the wrong country',
    mutate: (b) => {
      const facts = stateOf(b, 'employee', 'treatment').facts;
      facts.NL = [...(facts.NL ?? []), 'BE-10'];
    },
    parts: [
      'flows/employee.yaml',
      'state "treatment"',
      'facts NL',
      'fact "BE-10" belongs to another country',
      'Fix: list it under its own country',
    ],
  },
  {
    name: 'an unknown fact id in a tip',
    mutate: (b) => {
      const tip = b.tips.find((t) => t.id === 'emp-treat-rest');
      if (!tip) throw new Error('test setup: no tip emp-treat-rest; update this test');
      tip.facts.push('NL-999');
    },
    parts: ['flows/tips.yaml', 'tip "emp-treat-rest"', 'fact "NL-999" is not in flows/facts/'],
  },
  {
    name: 'an unreachable state',
    mutate: (b) => {
      const flow = b.flows.find((f) => f.flow.id === 'employee')?.flow;
      if (!flow) throw new Error('test setup: no employee flow');
      flow.states.orphan = {
        ...structuredClone(stateOf(b, 'employee', 'backAtWork')),
        choices: [{ id: 'next', label: 'employee:phases.relapse', to: 'relapse' }],
      };
    },
    parts: [
      'flows/employee.yaml',
      'state "orphan"',
      'unreachable',
      'Fix: add a choice with to: orphan, or remove the state',
    ],
  },
  {
    name: 'a duplicate choice id',
    mutate: (b) => {
      const state = stateOf(b, 'employee', 'diagnosis');
      state.choices.push({ ...choiceOf(state, 'next'), to: 'relapse' });
    },
    parts: [
      'flows/employee.yaml',
      'state "diagnosis"',
      'choice "next"',
      'duplicate choice id',
      'Fix: give each choice its own id',
    ],
  },
  {
    name: 'a missing i18n key in a say',
    mutate: () => undefined,
    keys: (k) => k !== 'employee:treatment.intro' && hasKey(k),
    parts: [
      'flows/employee.yaml',
      'state "treatment"',
      'say[',
      'i18n key "employee:treatment.intro" is missing in a language',
      'Fix: add it to locales/en, nl and fr',
    ],
  },
  {
    name: 'a missing i18n key for a plan sentence',
    mutate: () => undefined,
    keys: (k) => k !== 'employer:firstSteps.how.planPerson' && hasKey(k),
    parts: [
      'flows/employer.yaml',
      'state "firstHow"',
      'choice "person" plan',
      'i18n key "employer:firstSteps.how.planPerson" is missing',
      'Fix:',
    ],
  },
  {
    name: 'a missing i18n key for a tip body',
    mutate: () => undefined,
    keys: (k) => k !== 'tips:emp-treat-rest.body' && hasKey(k),
    parts: [
      'flows/tips.yaml',
      'tip "emp-treat-rest"',
      'i18n key "tips:emp-treat-rest.body" is missing',
      'Fix: add it to locales/*/tips.json',
    ],
  },
  {
    name: 'a say that is not a namespace:path key',
    mutate: (b) => {
      stateOf(b, 'employee', 'relapse').say.push('You are not alone.');
    },
    parts: ['flows/employee.yaml', 'state "relapse"', 'is not an i18n key', 'Fix: write namespace:path'],
  },
];

describe('validateContent reports each mistake with file, state and fix', () => {
  it.each(cases)('$name', ({ mutate, keys, parts }) => {
    const errors = errorsAfter(mutate, keys);
    expect(errors).toHaveLength(1);
    for (const part of parts) expect(errors[0]).toContain(part);
  });

  it('does not change the real content when a copy is mutated', () => {
    expect(stateOf(real, 'employee', 'diagnosis').tips).not.toContain('emp-diag-typo');
    expect(validateContent(indexContent(real), hasKey)).toEqual([]);
  });
});

describe('loadContent: schema errors', () => {
  const dir = path.join(__dirname, 'fixtures', 'schema-errors');

  function problemsOf(): string[] {
    try {
      loadContent(dir);
    } catch (e) {
      expect(e).toBeInstanceOf(ContentError);
      return (e as ContentError).problems;
    }
    throw new Error('loadContent accepted a flow with schema errors');
  }

  it('throws ContentError naming the file and the path of every problem', () => {
    const problems = problemsOf();
    expect(problems).toHaveLength(2);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^flows\/broken\.yaml › states › stuck › choices: .*at least one choice/),
        // a code string inside a guard object: only `type` and JSON `params` are allowed
        expect.stringMatching(/^flows\/broken\.yaml › states › start › choices › 0 › guard: .*"code"/),
      ]),
    );
  });

  it('puts the problems in the error message too', () => {
    expect(() => loadContent(dir)).toThrow(/2 problem\(s\)[\s\S]*flows\/broken\.yaml › states › stuck/);
  });
});
