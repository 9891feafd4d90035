import { step } from '../../src/engine/step';
import { SCHEMA_VERSION, type PersistedConversation } from '../../src/engine/types';
import { engine, press, walk } from '../helpers/engine';

const keys = (r: { view: { messages: { key: string }[] } }) => r.view.messages.map((m) => m.key);
/** "My plan" is one message: the keys of its paragraphs. */
const planKeys = (r: { view: { messages: { key: string; parts?: { key: string }[] }[] } }) => {
  expect(r.view.messages.map((m) => m.key)).toEqual(['common:plan.whole']);
  return r.view.messages[0]?.parts?.map((p) => p.key) ?? [];
};

describe('step: first contact', () => {
  it('welcomes with the privacy notice, the disclaimer and the perspective choices', () => {
    const r = step(engine(), null, { kind: 'start', lang: 'nl' }, 5);
    expect(r.view.state).toBe('entry.welcome');
    expect(r.view.lang).toBe('nl');
    expect(keys(r)).toEqual([
      'entry:welcome.hello',
      'entry:welcome.privacy',
      'entry:welcome.disclaimer',
      'entry:welcome.who',
    ]);
    expect(r.view.choices.map((c) => c.id)).toEqual(['employee', 'employer', 'health', 'coach', 'language']);
    expect(r.persisted).toMatchObject({
      schemaVersion: SCHEMA_VERSION,
      state: 'entry.welcome',
      createdAt: 5,
      updatedAt: 5,
    });
    expect(r.persisted?.flowVersion).toBe(engine().index.version);
  });

  it('a first message that is not a start still gets the welcome', () => {
    const r = step(engine(), null, { kind: 'unknown' }, 5);
    expect(r.view.state).toBe('entry.welcome');
  });
});

describe('step: perspective, country and phases', () => {
  it('goes from the welcome through the country to the employee menu', () => {
    const r = walk(['employee', 'BE']);
    expect(r.view.state).toBe('employee.phases');
    expect(r.persisted?.context).toMatchObject({ perspective: 'employee', country: 'BE' });
    expect(r.view.choices.map((c) => c.id)).toEqual(
      expect.arrayContaining(['diagnosis', 'treatment', 'returnPrep', 'backAtWork', 'relapse', 'boss']),
    );
  });

  it('every phase has tips that can be saved', () => {
    for (const phase of ['diagnosis', 'treatment', 'returnPrep', 'backAtWork', 'relapse']) {
      const r = walk(['employee', 'NL', phase]);
      expect(r.view.tips.length).toBeGreaterThanOrEqual(3);
      expect(r.view.tips.every((t) => t.payload.op === 'save')).toBe(true);
    }
  });

  it('uses the country as i18n context and shows that country’s sources', () => {
    const r = walk(['employee', 'FR', 'treatment']);
    expect(r.view.messages).toContainEqual({ key: 'employee:treatment.income', context: 'FR' });
    expect(r.view.sources.map((s) => s.fact)).toEqual(expect.arrayContaining(['FR-6', 'FR-9']));
    expect(r.view.sources.every((s) => s.fact.startsWith('FR-'))).toBe(true);
  });

  it('without a country, shows general text, no country sources, and only tips valid everywhere', () => {
    const r = walk(['employee', 'other', 'treatment']);
    expect(r.view.messages).toContainEqual({ key: 'employee:treatment.income', context: undefined });
    expect(r.view.sources).toEqual([]);
    expect(r.view.tips.map((t) => t.id)).not.toContain('emp-treat-work-permission');
  });

  it('asks the country before the first country-specific answer', () => {
    const r1 = walk(['employee', 'other', 'diagnosis']);
    expect(r1.view.choices.map((c) => c.id)).toContain('rightsAsk');
    expect(r1.view.choices.map((c) => c.id)).not.toContain('rights');
    const r2 = step(engine(), r1.persisted, press(r1, 'rightsAsk'), 2);
    expect(r2.view.state).toBe('employee.rightsCountry');
    const r3 = step(engine(), r2.persisted, press(r2, 'UK'), 3);
    expect(r3.view.state).toBe('employee.rights');
    expect(r3.view.messages[0]).toEqual({ key: 'employee:rights.disclosure', context: 'UK' });
  });
});

describe('step: the boss tool', () => {
  it('asks five questions and ends in a first-person talk built from the answers, with the country’s rules', () => {
    const r = walk(['employee', 'BE', 'boss', 'absence', 'hours', 'myself', 'written', 'company']);
    expect(r.view.state).toBe('employee.bossPlan');
    expect(keys(r)).toEqual([
      'talk:boss.title',
      'talk:boss.frame',
      'talk:boss.rules.hours',
      'employee:boss.plan.rights',
      'talk:boss.next',
      'employee:boss.plan.saved',
    ]);
    // The talk is one bubble: one paragraph per part, in the plain tone until the user picks another.
    expect(r.view.messages[1]?.parts?.map((p) => p.key)).toEqual([
      'talk:boss.script.open.company.plain',
      'talk:boss.script.share.absence.plain',
      'talk:boss.script.ask.hours.plain',
      'talk:boss.script.colleagues.myself.plain',
      'talk:boss.script.contact.written.plain',
      'talk:boss.script.close.plain',
    ]);
    expect(r.view.messages[2]).toEqual({ key: 'talk:boss.rules.hours', context: 'BE' });
    expect(r.view.messages[3]).toEqual({ key: 'employee:boss.plan.rights', context: 'BE' });
    // The facts of the state and of the rule that applies (travail autorisé), each page once.
    const facts = new Set(r.view.sources.map((s) => s.fact));
    expect(facts.has('BE-1')).toBe(true);
    expect(facts.has('BE-33')).toBe(true);
    expect([...facts].every((f) => ['BE-1', 'BE-2', 'BE-4', 'BE-32', 'BE-33', 'BE-35'].includes(f))).toBe(
      true,
    );
    expect(new Set(r.view.sources.map((s) => s.url)).size).toBe(r.view.sources.length);
    expect(r.persisted?.context.answers).toEqual({
      'boss.share': 'absence',
      'boss.support': 'hours',
      'boss.colleagues': 'myself',
      'boss.contact': 'written',
      'boss.when': 'company',
    });
  });

  it('offers one other wording at a time: plain → warmer → more formal → plain, staying on the talk', () => {
    const r = walk(['employee', 'UK', 'boss', 'diagnosis', 'appointments', 'nobody', 'me', 'person']);
    const tones = (x: typeof r) => x.view.messages[1]?.parts?.[0]?.key.split('.').pop();
    expect(tones(r)).toBe('plain');
    expect(
      r.view.choices.map((c) => c.id).filter((id) => ['warmer', 'formal', 'plainer'].includes(id)),
    ).toEqual(['warmer']);
    const warm = step(engine(), r.persisted, press(r, 'warmer'), 2);
    expect(warm.view.state).toBe('employee.bossPlan');
    expect(tones(warm)).toBe('warm');
    const formal = step(engine(), warm.persisted, press(warm, 'formal'), 3);
    expect(tones(formal)).toBe('formal');
    const plain = step(engine(), formal.persisted, press(formal, 'plainer'), 4);
    expect(tones(plain)).toBe('plain');
    // Changing the wording does not pile up "back" history.
    expect(plain.persisted?.history).toEqual(r.persisted?.history);
  });

  it('"my plan" shows the talk and the answers picked to the boss’s questions; starting again clears them', () => {
    const r = walk(['employee', 'NL', 'boss', 'nothing', 'unsure', 'later', 'one', 'later']);
    const qs = step(engine(), r.persisted, press(r, 'questions'), 2);
    expect(qs.view.state).toBe('employee.bossQuestions');
    const q = step(engine(), qs.persisted, press(qs, 'whatIsIt'), 3);
    // Someone who shares nothing is offered only the answer that keeps it private.
    expect(q.view.choices.map((c) => c.id).filter((id) => !['back', 'menu'].includes(id))).toEqual([
      'private',
    ]);
    const answered = step(engine(), q.persisted, press(q, 'private'), 4);
    expect(answered.view.state).toBe('employee.bossQuestions');
    expect(answered.view.messages[0]).toMatchObject({
      key: 'talk:boss.q.youCouldSay',
      nested: { text: { key: 'talk:boss.q.whatIsIt.private.say' } },
    });
    const plan = step(engine(), answered.persisted, { kind: 'command', name: 'plan' }, 9);
    expect(planKeys(plan)).toEqual(
      expect.arrayContaining(['talk:boss.title', 'talk:boss.frame', 'talk:boss.q.planLine']),
    );
    const talk = step(engine(), answered.persisted, press(answered, 'done'), 9);
    expect(talk.view.state).toBe('employee.bossPlan');
    expect(keys(talk)).toContain('talk:boss.q.planLine');
    const again = step(engine(), talk.persisted, press(talk, 'again'), 9);
    expect(again.view.state).toBe('employee.bossShare');
    expect(again.persisted?.context.answers).toEqual({});
  });

  it('practice: the bot plays the boss, gives kind feedback on each answer and ends with a way on', () => {
    const r = walk(['employee', 'FR', 'boss', 'treatment', 'tasks', 'boss', 'you', 'call', 'practice']);
    expect(r.view.state).toBe('employee.bossPractice1');
    expect(keys(r)).toEqual(['talk:boss.practice.intro', 'talk:boss.practice.whatIsIt.ask']);
    expect(r.view.choices.map((c) => c.id)).toEqual(
      expect.arrayContaining(['private', 'health', 'cancer', 'sorry']),
    );
    const p2 = step(engine(), r.persisted, press(r, 'sorry'), 2);
    expect(p2.view.state).toBe('employee.bossPractice2');
    expect(keys(p2)).toEqual(['talk:boss.practice.whatIsIt.sorryFeedback', 'talk:boss.practice.howLong.ask']);
    let x = p2;
    for (const id of ['promise', 'changes', 'flexible']) x = step(engine(), x.persisted, press(x, id), 3);
    expect(x.view.state).toBe('employee.bossPracticeDone');
    expect(keys(x)[0]).toBe('talk:boss.practice.whatNeed.flexibleFeedback');
    // Practice answers are not stored: only the tool's own answers are.
    expect(Object.keys(x.persisted?.context.answers ?? {}).sort()).toEqual([
      'boss.colleagues',
      'boss.contact',
      'boss.share',
      'boss.support',
      'boss.when',
    ]);
  });
});

describe('step: tips and my plan', () => {
  it('saves and removes a tip without moving, and lists it in the plan', () => {
    const r = walk(['employee', 'BE', 'diagnosis']);
    const tip = r.view.tips[0]!;
    const saved = step(engine(), r.persisted, tip.payload, 2);
    expect(saved.view.state).toBe('employee.diagnosis');
    expect(keys(saved)).toEqual(['common:tip.saved']);
    expect(saved.persisted?.context.savedTips).toEqual([tip.id]);
    const plan = step(engine(), saved.persisted, { kind: 'command', name: 'plan' }, 3);
    expect(plan.view.tips.map((t) => t.id)).toEqual([tip.id]);
    expect(plan.view.tips[0]?.payload.op).toBe('remove');
    const removed = step(engine(), plan.persisted, plan.view.tips[0]!.payload, 4);
    expect(removed.persisted?.context.savedTips).toEqual([]);
    expect(planKeys(step(engine(), removed.persisted, { kind: 'command', name: 'plan' }, 5))).toEqual([
      'common:plan.title',
      'common:plan.empty',
    ]);
  });

  it('an unknown tip id is answered, not thrown', () => {
    const r = walk(['employee', 'BE']);
    const x = step(engine(), r.persisted, { kind: 'tip', op: 'save', tip: 'no-such-tip' }, 2);
    expect(keys(x)).toEqual(['common:stale']);
    expect(x.persisted?.context.savedTips).toEqual([]);
  });
});

describe('step: global commands', () => {
  const at = () => walk(['employee', 'UK', 'treatment']);

  it('back returns to the previous state, and says so when there is none', () => {
    const r = step(engine(), at().persisted, { kind: 'command', name: 'back' }, 2);
    expect(r.view.state).toBe('employee.phases');
    const first = step(engine(), null, { kind: 'start', lang: 'en' }, 1);
    expect(keys(step(engine(), first.persisted, { kind: 'command', name: 'back' }, 2))).toEqual([
      'common:nav.backNone',
    ]);
  });

  it('menu goes to the perspective menu; restart goes to the welcome and keeps saved tips', () => {
    const start = at();
    expect(step(engine(), start.persisted, { kind: 'command', name: 'menu' }, 2).view.state).toBe(
      'employee.phases',
    );
    const saved = step(engine(), start.persisted, start.view.tips[0]!.payload, 2);
    const r = step(engine(), saved.persisted, { kind: 'command', name: 'restart' }, 3);
    expect(r.view.state).toBe('entry.welcome');
    expect(r.persisted?.context.perspective).toBeNull();
    expect(r.persisted?.context.savedTips).toHaveLength(1);
  });

  it('change language switches and returns to where the user was', () => {
    const r1 = step(engine(), at().persisted, { kind: 'command', name: 'language' }, 2);
    expect(r1.view.state).toBe('entry.language');
    const r2 = step(engine(), r1.persisted, press(r1, 'fr'), 3);
    expect(r2.view.state).toBe('employee.treatment');
    expect(r2.view.lang).toBe('fr');
    expect(r2.persisted?.context.lang).toBe('fr');
  });

  it('change country switches and returns', () => {
    const r1 = step(engine(), at().persisted, { kind: 'command', name: 'country' }, 2);
    const r2 = step(engine(), r1.persisted, press(r1, 'NL'), 3);
    expect(r2.view.state).toBe('employee.treatment');
    expect(r2.view.messages).toContainEqual({ key: 'employee:treatment.income', context: 'NL' });
  });

  it('help, privacy and talk to someone answer and keep the way forward', () => {
    const base = at();
    for (const name of ['help', 'privacy'] as const) {
      const r = step(engine(), base.persisted, { kind: 'command', name }, 2);
      expect(r.view.state).toBe('employee.treatment');
      expect(r.view.choices.length).toBeGreaterThan(0);
    }
    const talk = step(engine(), base.persisted, { kind: 'command', name: 'talk' }, 2);
    expect(talk.view.messages).toContainEqual({ key: 'entry:talk.orgs', context: 'UK' });
    expect(talk.view.sources.map((s) => s.fact)).toContain('UK-34');
    expect(step(engine(), talk.persisted, press(talk, 'done'), 3).view.state).toBe('employee.treatment');
  });

  it('delete my data asks the edge to delete and keeps nothing', () => {
    const r = step(engine(), at().persisted, { kind: 'command', name: 'delete' }, 2);
    expect(r.persisted).toBeNull();
    expect(r.view.effects).toEqual(['deleteData']);
    expect(keys(r)).toEqual(['common:delete.done']);
  });
});

describe('step: bad and stale input', () => {
  it('unknown input re-prompts with the current choices', () => {
    const r = walk(['employee', 'BE']);
    const x = step(engine(), r.persisted, { kind: 'unknown' }, 2);
    expect(keys(x)).toEqual(['common:notUnderstood']);
    expect(x.view.choices.map((c) => c.id)).toEqual(r.view.choices.map((c) => c.id));
    expect(x.persisted?.state).toBe(r.persisted?.state);
  });

  it('a press on an earlier button applies there, as if that question were answered again', () => {
    const r1 = walk(['employee', 'BE']);
    const r2 = step(engine(), r1.persisted, press(r1, 'diagnosis'), 2);
    const again = step(engine(), r2.persisted, press(r1, 'relapse'), 3);
    expect(keys(again)).not.toContain('common:stale');
    expect(again.view.state).toBe('employee.relapse');
    expect(again.persisted?.history.at(-1)).toBe('employee.phases');
  });

  it('an earlier button of another perspective, or one its question no longer offers, re-shows the current choices', () => {
    const r1 = walk(['employee', 'BE']);
    const switched = step(engine(), r1.persisted, { kind: 'switchPerspective', perspective: 'employer' }, 2);
    const stale = step(engine(), switched.persisted, press(r1, 'relapse'), 3);
    expect(keys(stale)).toEqual(['common:stale']);
    expect(stale.view.state).toBe('employer.phases');
    const relapse = press(r1, 'relapse');
    if (relapse.kind !== 'choice') throw new Error('the phases menu offers relapse as a choice');
    const gone = step(engine(), switched.persisted, { ...relapse, choice: 'no-such-choice' }, 3);
    expect(keys(gone)).toEqual(['common:stale']);
  });

  it('a forged choice id or a guarded choice is refused', () => {
    const r = walk(['employee', 'other', 'diagnosis']);
    const forged = step(
      engine(),
      r.persisted,
      { kind: 'choice', state: 'employee.diagnosis', choice: 'nope', v: 'x' },
      2,
    );
    expect(forged.view.state).toBe('employee.diagnosis');
    const guarded = step(
      engine(),
      r.persisted,
      { kind: 'choice', state: 'employee.diagnosis', choice: 'rights', v: 'x' },
      2,
    );
    expect(guarded.view.state).toBe('employee.diagnosis');
    expect(keys(guarded)).toEqual(['common:notUnderstood']);
  });

  it('a stored state that no longer exists is recovered to the menu with a short message', () => {
    const r = walk(['employee', 'BE', 'diagnosis']);
    const old: PersistedConversation = {
      ...r.persisted!,
      state: 'employee.removedLongAgo',
      flowVersion: 'employee@0',
    };
    const x = step(engine(), old, { kind: 'unknown' }, 2);
    expect(x.view.state).toBe('employee.phases');
    expect(keys(x)[0]).toBe('common:recovered');
    expect(x.persisted?.flowVersion).toBe(engine().index.version);
  });

  it('a stored conversation of another schema version starts afresh, keeping language and saved tips', () => {
    const r = walk(['employee', 'BE', 'diagnosis'], 'fr');
    const old = {
      ...r.persisted!,
      schemaVersion: 0,
      context: { ...r.persisted!.context, savedTips: ['emp-diag-take-time'] },
    };
    const x = step(engine(), old, { kind: 'unknown' }, 2);
    expect(x.view.state).toBe('entry.welcome');
    expect(x.view.lang).toBe('fr');
    expect(x.persisted?.context.savedTips).toEqual(['emp-diag-take-time']);
  });

  it('the engine is pure: the input state is not mutated', () => {
    const r = walk(['employee', 'BE', 'diagnosis']);
    const before = JSON.stringify(r.persisted);
    step(engine(), r.persisted, r.view.tips[0]!.payload, 2);
    step(engine(), r.persisted, press(r, 'boss'), 2);
    expect(JSON.stringify(r.persisted)).toBe(before);
  });
});

describe('step: returning users', () => {
  it('with a known country, choosing the perspective skips the country question', () => {
    const r0 = step(engine(), null, { kind: 'start', lang: 'en', country: 'BE' }, 1);
    expect(r0.view.choices.map((c) => c.id)).toEqual([
      'employeeKnownCountry',
      'employerKnownCountry',
      'healthKnownCountry',
      'coachKnownCountry',
      'language',
    ]);
    const r1 = step(engine(), r0.persisted, press(r0, 'employeeKnownCountry'), 2);
    expect(r1.view.state).toBe('employee.phases');
    expect(r1.persisted?.context).toMatchObject({ perspective: 'employee', country: 'BE' });
  });
});
