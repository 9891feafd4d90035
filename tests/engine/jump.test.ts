import { currentView, step } from '../../src/engine/step';
import { engine, press, walk } from '../helpers/engine';

/** Jumps found by typed text, "did you mean", "nothing found" and "switch language?" (engine side). */
const keys = (r: { view: { messages: { key: string }[] } }) => r.view.messages.map((m) => m.key);

describe('jump to a state', () => {
  it('goes there, keeps what was saved, and "back" returns', () => {
    const r = walk(['employee', 'BE', 'diagnosis']);
    const saved = step(engine(), r.persisted, r.view.tips[0]!.payload, 2);
    const j = step(engine(), saved.persisted, { kind: 'goto', state: 'employee.backAtWork' }, 3);
    expect(j.view.state).toBe('employee.backAtWork');
    expect(j.view.event).toBe('jump');
    expect(j.persisted?.context.savedTips).toEqual(saved.persisted?.context.savedTips);
    expect(j.persisted?.context.answers).toEqual(saved.persisted?.context.answers);
    expect(j.persisted?.history.at(-1)).toBe('employee.diagnosis');
    const back = step(engine(), j.persisted, { kind: 'command', name: 'back' }, 4);
    expect(back.view.state).toBe('employee.diagnosis');
  });

  it('lands at the start of a guided tool, never in its middle', () => {
    const r = walk(['employee', 'BE']);
    const j = step(engine(), r.persisted, { kind: 'goto', state: 'employee.bossWhen' }, 2);
    expect(j.view.state).toBe('employee.bossShare');
  });

  it('refuses another perspective’s flow, and answers instead of throwing', () => {
    const r = walk(['employee', 'BE']);
    const x = step(engine(), r.persisted, { kind: 'goto', state: 'employer.dismissal' }, 2);
    expect(x.view.state).toBe('employee.phases');
    expect(keys(x)).toEqual(['common:stale']);
    const none = step(engine(), r.persisted, { kind: 'goto', state: 'nope.nope' }, 2);
    expect(none.view.state).toBe('employee.phases');
  });

  it('reaches the shared "talk to someone" from any perspective; its "done" returns', () => {
    const r = walk(['employee', 'UK', 'treatment']);
    const talk = step(engine(), r.persisted, { kind: 'goto', state: 'entry.talk' }, 2);
    expect(talk.view.state).toBe('entry.talk');
    expect(step(engine(), talk.persisted, press(talk, 'done'), 3).view.state).toBe('employee.treatment');
  });

  it('before a perspective is chosen, the target’s flow sets it', () => {
    const r = step(engine(), null, { kind: 'start', lang: 'en' }, 1);
    const j = step(engine(), r.persisted, { kind: 'goto', state: 'employee.diagnosis' }, 2);
    expect(j.view.state).toBe('employee.diagnosis');
    expect(j.persisted?.context.perspective).toBe('employee');
  });
});

describe('a tip found by typed text', () => {
  it('is shown with its save button where the user is, with a way to its page', () => {
    const r = walk(['employee', 'BE', 'diagnosis']);
    const j = step(engine(), r.persisted, { kind: 'tip', op: 'show', tip: 'emp-back-focus' }, 2);
    expect(j.view.state).toBe('employee.diagnosis');
    expect(keys(j)).toEqual(['common:understand.tipFound']);
    expect(j.view.tips.map((t) => t.id)).toEqual(['emp-back-focus']);
    expect(j.view.tips[0]?.payload).toEqual({ kind: 'tip', op: 'save', tip: 'emp-back-focus' });
    expect(j.view.choices[0]).toMatchObject({
      id: 'more',
      payload: { kind: 'goto', state: 'employee.backAtWork' },
    });
    // Saving it works as from any tip card; typed numbers refer to what was shown.
    const view = currentView(engine(), j.persisted, 'en');
    expect(view?.tips.map((t) => t.id)).toEqual(['emp-back-focus']);
    const saved = step(engine(), j.persisted, j.view.tips[0]!.payload, 3);
    expect(saved.persisted?.context.savedTips).toEqual(['emp-back-focus']);
  });
});

describe('did you mean…', () => {
  it('offers up to three places and "none of these"; a typed number means what was shown, once', () => {
    const r = walk(['employee', 'BE', 'diagnosis']);
    const s = step(
      engine(),
      r.persisted,
      {
        kind: 'suggest',
        options: [
          { kind: 'goto', state: 'employee.treatment' },
          { kind: 'goto', state: 'entry.talk' },
          { kind: 'goto', state: 'employee.treatment' },
          { kind: 'goto', state: 'employer.dismissal' },
          { kind: 'tip', op: 'show', tip: 'emp-back-focus' },
          { kind: 'goto', state: 'employee.relapse' },
        ],
      },
      2,
    );
    expect(keys(s)).toEqual(['common:understand.didYouMean']);
    expect(s.view.state).toBe('employee.diagnosis');
    expect(s.view.choices.map((c) => c.payload)).toEqual([
      { kind: 'goto', state: 'employee.treatment' },
      { kind: 'goto', state: 'entry.talk' },
      { kind: 'tip', op: 'show', tip: 'emp-back-focus' },
      { kind: 'goto', state: 'employee.diagnosis' },
    ]);
    expect(s.view.choices.map((c) => c.labelKey)).toEqual([
      'employee:phases.treatment',
      expect.any(String),
      'tips:emp-back-focus.title',
      'common:understand.none',
    ]);
    expect(currentView(engine(), s.persisted, 'en')?.choices).toEqual(s.view.choices);
    const picked = step(engine(), s.persisted, s.view.choices[1]!.payload, 3);
    expect(picked.view.state).toBe('entry.talk');
    expect(picked.persisted?.offer).toBeUndefined();
    const none = step(engine(), s.persisted, s.view.choices[3]!.payload, 3);
    expect(none.view.state).toBe('employee.diagnosis');
    expect(none.persisted?.history).toEqual(r.persisted?.history);
  });

  it('with nothing valid to offer, says nothing was found', () => {
    const r = walk(['employee', 'BE']);
    const s = step(engine(), r.persisted, { kind: 'suggest', options: [{ kind: 'goto', state: 'x.y' }] }, 2);
    expect(s.view.event).toBe('no-match');
  });
});

describe('nothing found', () => {
  it('says so kindly, keeps the choices, and offers the menu and "talk to someone"', () => {
    const r = walk(['employee', 'BE', 'diagnosis']);
    const n = step(engine(), r.persisted, { kind: 'noMatch' }, 2);
    expect(keys(n)).toEqual(['common:understand.noMatch']);
    expect(n.view.state).toBe('employee.diagnosis');
    const ids = n.view.choices.map((c) => c.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        ...r.view.choices.filter((c) => c.payload.kind !== 'feedback').map((c) => c.id),
        'menu',
        'talk',
      ]),
    );
    expect(n.view.choices.at(-1)?.payload).toEqual({ kind: 'command', name: 'talk' });
  });
});

describe('writing in another language', () => {
  it('asks in that language whether to switch; yes switches (and goes where asked), no keeps', () => {
    const r = walk(['employee', 'BE', 'diagnosis'], 'fr');
    const o = step(
      engine(),
      r.persisted,
      { kind: 'offerLanguage', lang: 'en', then: { kind: 'goto', state: 'employee.bossShare' } },
      2,
    );
    expect(o.view.lang).toBe('en');
    expect(o.persisted?.context.lang).toBe('fr');
    expect(keys(o)).toEqual(['common:understand.switchLanguage']);
    expect(o.view.choices.map((c) => c.labelKey)).toEqual(['entry:language.en', 'entry:language.fr']);
    const yes = step(engine(), o.persisted, o.view.choices[0]!.payload, 3);
    expect(yes.view).toMatchObject({ lang: 'en', state: 'employee.bossShare' });
    expect(yes.persisted?.context.lang).toBe('en');
    const no = step(engine(), o.persisted, o.view.choices[1]!.payload, 3);
    expect(no.view).toMatchObject({ lang: 'fr', state: 'employee.diagnosis' });
  });
});

describe('jump: the country before country rules', () => {
  it('a typed shortcut into the boss tool from the welcome asks the country first, then lands there', () => {
    const start = step(engine(), null, { kind: 'start', lang: 'nl' }, 1);
    const j = step(engine(), start.persisted, { kind: 'goto', state: 'employee.bossShare' }, 2);
    expect(j.view.state).toBe('entry.setCountry');
    const be = step(engine(), j.persisted, press(j, 'BE'), 3);
    expect(be.view.state).toBe('employee.bossShare');
    expect(be.persisted?.context).toMatchObject({ country: 'BE', perspective: 'employee' });
  });

  it('is not asked again once answered, even with "another country"', () => {
    const r = walk(['employee', 'other']);
    const j = step(engine(), r.persisted, { kind: 'goto', state: 'employee.bossShare' }, 2);
    expect(j.view.state).toBe('employee.bossShare');
  });
});

describe('who is asking', () => {
  it('offers to switch perspective in one tap, and keeps the plan and the answers', () => {
    const r = walk(['employee', 'BE', 'diagnosis']);
    const saved = step(engine(), r.persisted, r.view.tips[0]!.payload, 2);
    const offer = step(engine(), saved.persisted, { kind: 'offerPerspective', perspective: 'employer' }, 3);
    expect(offer.view.state).toBe('employee.diagnosis');
    expect(offer.view.messages).toEqual([
      { key: 'common:perspective.offer', nested: { role: { key: 'common:perspective.role.employer' } } },
    ]);
    expect(offer.view.choices.map((c) => c.id)).toEqual(['switch', 'stay']);
    const switched = step(engine(), offer.persisted, press(offer, 'switch'), 4);
    expect(switched.view.state).toBe('employer.phases');
    expect(switched.persisted?.context).toMatchObject({
      perspective: 'employer',
      country: 'BE',
      savedTips: saved.persisted?.context.savedTips,
    });
    // "No, stay here" keeps the user where they were, with its choices.
    const stay = step(engine(), offer.persisted, press(offer, 'stay'), 5);
    expect(stay.view.state).toBe('employee.diagnosis');
    expect(keys(stay)).toEqual(['common:smallTalk.ok']);
  });
});
