import path from 'node:path';
import { createI18n } from '../../src/content/i18n';
import { loadLocales } from '../../src/content/locales';
import { step } from '../../src/engine/step';
import { renderTeams } from '../../src/render/render-teams';
import { renderText } from '../../src/render/render-text';
import { renderWebChat } from '../../src/render/render-webchat';
import { parsePayload } from '../../src/understanding/parse-payload';
import { engine, press, ROOT, walk } from '../helpers/engine';

/** "Was this helpful?" after a tip screen, a tool result and the plan: 👍 / 👎, then an optional reason. */
const keys = (r: ReturnType<typeof step>) => r.view.messages.map((m) => m.key);
const votes = (r: ReturnType<typeof step>) => r.view.choices.filter((c) => c.payload.kind === 'feedback');

describe('feedback in the engine', () => {
  it('a screen with tips asks, a screen without does not; 👍 thanks and keeps the way on', () => {
    const phases = walk(['employee', 'BE']);
    expect(votes(phases)).toEqual([]);
    const treatment = step(engine(), phases.persisted, press(phases, 'treatment'), 2);
    expect(treatment.view.tips.length).toBeGreaterThan(0);
    expect(votes(treatment).map((c) => c.id)).toEqual(['feedback.up', 'feedback.down']);
    const up = step(engine(), treatment.persisted, votes(treatment)[0]!.payload, 3);
    expect(keys(up)).toEqual(['common:feedback.thanks']);
    expect(up.view.state).toBe('employee.treatment');
    expect(votes(up)).toEqual([]); // asked once
    expect(up.view.choices.length).toBeGreaterThan(0);
  });

  it('👎 offers four reasons (for one turn) and the usual choices; a reason thanks; a forged subject is refused', () => {
    const phases = walk(['employee', 'BE']);
    const treatment = step(engine(), phases.persisted, press(phases, 'treatment'), 2);
    const down = step(engine(), treatment.persisted, votes(treatment)[1]!.payload, 3);
    expect(keys(down)).toEqual(['common:feedback.why']);
    const reasons = down.view.choices.filter((c) => c.payload.kind === 'feedback');
    expect(reasons.map((c) => c.id)).toEqual([
      'feedback.wrong',
      'feedback.unclear',
      'feedback.notAsked',
      'feedback.outdated',
    ]);
    expect(down.view.choices.length).toBeGreaterThan(4); // the way on stays open
    expect(down.persisted?.offer?.choices.map((c) => c.id)).toEqual(down.view.choices.map((c) => c.id));
    const reason = step(engine(), down.persisted, reasons[1]!.payload, 4);
    expect(keys(reason)).toEqual(['common:feedback.thanks']);
    const forged = step(
      engine(),
      treatment.persisted,
      { kind: 'feedback', subject: 'employer.phases', vote: 'up' },
      5,
    );
    expect(keys(forged)).toEqual(['common:stale']);
  });

  it('a reason only goes with 👎 (a forged 👍 with a reason is not a payload)', () => {
    expect(parsePayload({ kind: 'feedback', subject: 'plan', vote: 'up', reason: 'wrong' })).toBeNull();
    expect(parsePayload({ kind: 'feedback', subject: 'plan', vote: 'down', reason: 'wrong' })).not.toBeNull();
  });

  it('the plan asks too', () => {
    const phases = walk(['employee', 'BE']);
    const treatment = step(engine(), phases.persisted, press(phases, 'treatment'), 2);
    const saved = step(engine(), treatment.persisted, treatment.view.tips[0]!.payload, 3);
    const plan = step(engine(), saved.persisted, { kind: 'command', name: 'plan' }, 4);
    expect(votes(plan).map((c) => c.payload)).toEqual([
      { kind: 'feedback', subject: 'plan', vote: 'up' },
      { kind: 'feedback', subject: 'plan', vote: 'down' },
    ]);
    expect(keys(step(engine(), plan.persisted, votes(plan)[0]!.payload, 5))).toEqual([
      'common:feedback.thanks',
    ]);
  });
});

describe('feedback in every channel', () => {
  const i18n = createI18n(loadLocales(path.join(ROOT, 'locales')));
  const t = (key: string, o?: Record<string, unknown>) => i18n.getFixedT('nl')(key, o) as string;
  const phases = walk(['employee', 'BE'], 'nl');
  const treatment = step(engine(), phases.persisted, press(phases, 'treatment'), 2);

  it('Web Chat: one small card line "Was this helpful? 👍 👎" before the choices; not among the suggested actions', () => {
    const out = renderWebChat(treatment.view, t);
    const card = JSON.stringify(
      out.find(
        (a) =>
          JSON.stringify(a).includes('common:feedback') ||
          JSON.stringify(a).includes(t('common:feedback.ask')),
      ),
    );
    expect(card).toContain(t('common:feedback.ask'));
    expect(card).toContain(t('common:feedback.up'));
    expect(card).toContain('"kind":"feedback"');
    const suggested = out.flatMap((a) => a.suggestedActions?.actions ?? []).map((a) => a.title);
    expect(suggested).not.toContain(t('common:feedback.up'));
    expect(suggested.length).toBeGreaterThan(0);
  });

  it('Teams: the same line as an Adaptive Card whose buttons echo (messageBack)', () => {
    const json = JSON.stringify(renderTeams(treatment.view, t));
    expect(json).toContain(t('common:feedback.ask'));
    expect(json).toMatch(
      /"msteams":\{"type":"messageBack","displayText":"👍[^"]*","value":\{"kind":"feedback"/,
    );
  });

  it('the terminal numbers 👍 and 👎 like any choice', () => {
    const text = renderText(treatment.view, t)
      .map((a) => a.text)
      .join('\n');
    expect(text).toMatch(new RegExp(`\\d+\\. ${t('common:feedback.up')}`));
    expect(text).toMatch(new RegExp(`\\d+\\. ${t('common:feedback.down')}`));
  });
});
