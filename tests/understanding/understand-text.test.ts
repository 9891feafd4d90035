import { currentView, step } from '../../src/engine/step';
import type { EngineInput, Lang, StepResult } from '../../src/engine/types';
import { understandText } from '../../src/understanding/understand-text';
import { content } from './content';

/** Typed text → engine input, on the real content: commands, choices on offer, then the search. */
function at(lang: Lang, path: string[]): StepResult {
  const { engine } = content();
  let r = step(engine, null, { kind: 'start', lang }, 1);
  for (const id of path) {
    const c = r.view.choices.find((x) => x.id === id);
    if (!c) throw new Error(`no choice ${id} in ${r.view.state}`);
    r = step(engine, r.persisted, c.payload, 1);
  }
  return r;
}

function understand(r: StepResult, text: string): EngineInput {
  const { engine, i18n, lexicon } = content();
  const lang = r.persisted!.context.lang;
  const t = i18n.getFixedT(lang);
  return understandText(
    text,
    currentView(engine, r.persisted, lang),
    (k) => t(k),
    lexicon,
    r.persisted!.context,
  );
}

const choice = (id: string) => expect.objectContaining({ kind: 'choice', choice: id });
const goto = (state: string) => ({ kind: 'goto', state });

describe('order: commands, then the choices on offer', () => {
  it('a command word of the conversation’s language comes first, any case', () => {
    expect(understand(at('en', ['employee', 'BE']), 'HELP')).toEqual({ kind: 'command', name: 'help' });
    expect(understand(at('nl', ['employee', 'BE']), 'terug')).toEqual({ kind: 'command', name: 'back' });
  });

  it('a choice by number, by label (any case, accents optional), or by its label in another language', () => {
    const country = at('en', ['employee']);
    expect(understand(country, '1')).toEqual(choice('BE'));
    expect(understand(country, 'united kingdom')).toEqual(choice('UK'));
    expect(understand(country, 'Belgique')).toEqual(choice('BE'));
    expect(understand(at('fr', ['employee']), 'belgique')).toEqual(choice('BE'));
  });

  it('a choice with a small typo, or with half of its words', () => {
    const country = at('en', ['employee']);
    expect(understand(country, 'Belgum')).toEqual(choice('BE'));
    expect(understand(country, 'netherland')).toEqual(choice('NL'));
    expect(understand(at('en', ['employee', 'BE', 'boss']), 'cancer')).toEqual(choice('diagnosis'));
  });

  it('a choice by a keyword of the state it leads to (a synonym from keywords.json)', () => {
    expect(understand(at('en', ['employee', 'BE']), 'relapse')).toEqual(choice('relapse'));
  });

  it('a command word of another language, or a command with a typo', () => {
    expect(understand(at('en', ['employee', 'BE']), 'aide')).toEqual({ kind: 'command', name: 'help' });
    expect(understand(at('en', ['employee', 'BE']), 'hepl')).toEqual({ kind: 'command', name: 'help' });
  });

  it('empty or sign-only text is not understood', () => {
    expect(understand(at('en', ['employee', 'BE']), ' ?! ')).toEqual({ kind: 'unknown' });
  });
});

describe('then a search over all content, in the conversation’s language', () => {
  it('a confident match jumps to a state of the user’s perspective', () => {
    expect(understand(at('en', ['employee', 'BE', 'diagnosis']), 'phased return')).toEqual(
      goto('employee.returnPrep'),
    );
    expect(understand(at('fr', ['employee', 'FR', 'diagnosis']), 'mi-temps thérapeutique')).toEqual(
      goto('employee.returnPrep'),
    );
    expect(
      understand(at('nl', ['employee', 'BE', 'diagnosis']), 'wat moet ik tegen mijn baas zeggen'),
    ).toEqual(goto('employee.bossShare'));
  });

  it('or shows a tip, with its save button', () => {
    expect(understand(at('en', ['employee', 'UK', 'diagnosis']), 'tricks for memory')).toEqual({
      kind: 'tip',
      op: 'show',
      tip: 'emp-back-focus',
    });
  });

  it('an uncertain match asks "did you mean" with up to three options', () => {
    const input = understand(at('en', ['employee', 'UK', 'diagnosis']), 'how do i plan my return to work');
    expect(input.kind).toBe('suggest');
    const options = (input as Extract<EngineInput, { kind: 'suggest' }>).options;
    expect(options.length).toBeGreaterThan(1);
    expect(options.length).toBeLessThanOrEqual(3);
    expect(options).toContainEqual(goto('employee.returnPrep'));
  });

  it('no match at all says so', () => {
    for (const text of ['qwertyuiop', 'i like pizza', 'who won the football'])
      expect(understand(at('en', ['employee', 'BE']), text)).toEqual({ kind: 'noMatch' });
  });

  it('stays within the user’s perspective (and the shared "talk to someone")', () => {
    const employer = understand(
      at('en', ['employer', 'NL']),
      'can I dismiss someone who has been ill for months',
    );
    const targets = employer.kind === 'suggest' ? employer.options : [employer];
    expect(targets).toContainEqual(goto('employer.dismissal'));
    for (const text of ['dismissal', 'keep in touch', 'sick pay', 'return to work plan']) {
      const input = understand(at('en', ['employee', 'NL', 'treatment']), text);
      const all = input.kind === 'suggest' ? input.options : [input];
      for (const t of all) if (t.kind === 'goto') expect(t.state).toMatch(/^(employee|entry)\./);
    }
  });

  /** The first place typed text leads to: the jump, or the first "did you mean" option. */
  const first = (r: StepResult, text: string) => {
    const input = understand(r, text);
    return input.kind === 'suggest' ? input.options[0] : input;
  };
  const from = (lang: Lang, who: string) => {
    try {
      return at(lang, [who, 'BE']);
    } catch {
      return null; // this perspective is not offered at the welcome (yet)
    }
  };

  it.each([
    ['en', 'scared'],
    ['en', 'I am so anxious'],
    ['nl', 'bang'],
    ['nl', 'ik ben zo bang'],
    ['fr', 'peur'],
    ['fr', "j'ai peur"],
  ] as [Lang, string][])(
    '%s "%s" (distress) leads to "talk to someone", from every perspective',
    (lang, text) => {
      for (const who of ['employee', 'employer', 'health', 'coach']) {
        const r = from(lang, who);
        if (r) expect(first(r, text)).toEqual(goto('entry.talk'));
      }
    },
  );

  it.each([
    ['en', 'I got sacked'],
    ['en', 'can they sack me for being off sick'],
    ['en', 'conflict with my employer'],
    ['nl', 'ontslag'],
    ['nl', 'mijn uitkering is geweigerd'],
    ['fr', 'licenciement'],
    ['fr', 'mon employeur peut-il me licencier pendant mon arrêt maladie'],
  ] as [Lang, string][])(
    '%s "%s" (dismissal, conflict, benefits) leads an employee to "talk to someone"',
    (lang, text) => {
      expect(first(at(lang, ['employee', 'BE']), text)).toEqual(goto('entry.talk'));
    },
  );

  it('an employer asking about dismissal gets the employer’s own page on it', () => {
    const r = from('en', 'employer');
    if (r) expect(first(r, 'dismissal')).toEqual(goto('employer.dismissal'));
  });
});

describe('another language than the conversation’s', () => {
  it('offers to switch, and where to go after switching when that is clear', () => {
    expect(understand(at('fr', ['employee', 'FR', 'diagnosis']), 'what should I tell my boss')).toEqual({
      kind: 'offerLanguage',
      lang: 'en',
      then: goto('employee.bossShare'),
    });
    const input = understand(at('en', ['employee', 'UK', 'diagnosis']), 'ik weet niet wat ik moet doen');
    expect(input).toMatchObject({ kind: 'offerLanguage', lang: 'nl' });
  });

  it('does not offer a switch for a foreign term used in the conversation’s language', () => {
    const input = understand(at('en', ['employee', 'FR', 'returnPrep']), 'temps partiel thérapeutique');
    expect(input.kind).not.toBe('offerLanguage');
  });
});

describe('a longer word is not a shorter button', () => {
  it('"terugkeer" (return) in a coach’s question is not the "Terug" (back) button', () => {
    const input = understand(at('nl', ['coach', 'BE']), 'hoe begeleid ik mijn cliënt bij de terugkeer');
    expect(input).not.toEqual({ kind: 'command', name: 'back' });
    // An ending still counts: "terugg" is a typo of the button, and "werkgevers" is "werkgever".
    expect(understand(at('nl', ['coach', 'BE']), 'terug')).toEqual({ kind: 'command', name: 'back' });
  });
});
