import path from 'node:path';
import { createI18n } from '../../src/content/i18n';
import { loadLocales } from '../../src/content/locales';
import { renderText } from '../../src/render/render-text';
import { renderTeams } from '../../src/render/render-teams';
import { renderWebChat } from '../../src/render/render-webchat';
import { ROOT, walk } from '../helpers/engine';

/**
 * The talk, the boss's likely questions and the practice are reachable by buttons in Web Chat and Teams, and by
 * number in the terminal; the talk is one bubble in the user's language.
 */
const i18n = createI18n(loadLocales(path.join(ROOT, 'locales')));

describe.each(['en', 'nl', 'fr'] as const)('the boss talk in every channel (%s)', (lang) => {
  const t = (key: string, options?: Record<string, unknown>) =>
    i18n.getFixedT(lang)(key, { context: 'BE', ...options }) as string;
  const r = walk(['employee', 'BE', 'boss', 'diagnosis', 'hours', 'myself', 'you', 'person'], lang);
  const talk = t('talk:boss.script.share.diagnosis.plain');
  const buttons = [t('talk:boss.questions.open'), t('talk:boss.practice.open'), t('talk:boss.tone.warmer')];

  it('Web Chat: the talk in one bubble, the questions and the practice as buttons', () => {
    const out = renderWebChat(r.view, t);
    expect(out.filter((a) => a.text?.includes(talk))).toHaveLength(1);
    const titles = out.flatMap((a) => a.suggestedActions?.actions.map((x) => x.title) ?? []);
    expect(titles).toEqual(expect.arrayContaining(buttons));
  });

  it('Teams: the talk in the card text, the questions and the practice as Action.Submit', () => {
    const out = JSON.stringify(renderTeams(r.view, t));
    expect(out).toContain(JSON.stringify(talk).slice(1, -1));
    for (const b of buttons) expect(out).toContain(`"title":${JSON.stringify(b)}`);
    expect(out).toContain('Action.Submit');
  });

  it('terminal: the talk as text and the questions and the practice as numbered choices', () => {
    const text = renderText(r.view, t)
      .map((a) => a.text)
      .join('\n');
    expect(text).toContain(talk);
    for (const b of buttons)
      expect(text).toMatch(new RegExp(`\\d+\\. ${b.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  });
});
