import { parsePayload } from '../../src/understanding/parse-payload';

describe('button payloads (user-controlled: parsed strictly)', () => {
  it('reads the payloads the views send', () => {
    for (const p of [
      { kind: 'choice', state: 'employee.phases', choice: 'diagnosis', v: 'x' },
      { kind: 'command', name: 'talk' },
      { kind: 'tip', op: 'save', tip: 'emp-back-focus' },
      { kind: 'tip', op: 'show', tip: 'emp-back-focus' },
      { kind: 'goto', state: 'employee.returnPrep' },
      { kind: 'switchLanguage', lang: 'nl' },
      { kind: 'switchLanguage', lang: 'en', then: { kind: 'goto', state: 'employee.bossShare' } },
      { kind: 'switchLanguage', lang: 'fr', then: { kind: 'tip', op: 'show', tip: 'emp-back-focus' } },
    ])
      expect(parsePayload(p)).toEqual(p);
  });

  it('refuses anything else', () => {
    for (const v of [
      null,
      'goto',
      { kind: 'goto' },
      { kind: 'goto', state: 'x'.repeat(201) },
      { kind: 'switchLanguage', lang: 'de' },
      { kind: 'switchLanguage', lang: 'en', then: { kind: 'tip', op: 'save', tip: 'x' } },
      { kind: 'tip', op: 'delete', tip: 'x' },
      { kind: 'command', name: 'shutdown' },
    ])
      expect(parsePayload(v)).toBeNull();
  });
});

describe('the switch-perspective button', () => {
  it('is parsed strictly: a known perspective only', () => {
    expect(parsePayload({ kind: 'switchPerspective', perspective: 'coach' })).toEqual({
      kind: 'switchPerspective',
      perspective: 'coach',
    });
    expect(parsePayload({ kind: 'switchPerspective', perspective: 'admin' })).toBeNull();
    expect(parsePayload({ kind: 'switchPerspective' })).toBeNull();
  });
});
