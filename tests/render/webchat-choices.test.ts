import path from 'node:path';
import { createI18n } from '../../src/content/i18n';
import { loadLocales } from '../../src/content/locales';
import type { View } from '../../src/engine/types';
import { renderText } from '../../src/render/render-text';
import { renderWebChat } from '../../src/render/render-webchat';
import { ROOT } from '../helpers/engine';

/** The buttons after a tip carousel: a neutral question in Web Chat; "type the number" only in the terminal. */
const t = (key: string) => key;
const view: View = {
  state: 'employee.treatment',
  lang: 'en',
  messages: [{ key: 'employee:treatment.intro' }],
  tips: [
    {
      id: 'tip-1',
      titleKey: 'tips:tip-1.title',
      bodyKey: 'tips:tip-1.body',
      saved: true,
      payload: { kind: 'tip', op: 'remove', tip: 'tip-1' },
    },
  ],
  sources: [],
  choices: [
    { id: 'next', labelKey: 'employee:phases.returnPrep', payload: { kind: 'command', name: 'menu' } },
  ],
  expect: 'choice',
  effects: [],
  event: 'test',
};

describe('choices after a carousel', () => {
  it('Web Chat: a neutral question carries the buttons; a saved tip is marked ✓ with "remove"', () => {
    const out = renderWebChat(view, t);
    const last = out.at(-1);
    expect(last?.text).toBe('common:choosePrompt');
    expect(last?.suggestedActions?.actions.map((a) => a.title)).toEqual(['employee:phases.returnPrep']);
    expect(JSON.stringify(out)).not.toContain('common:choiceHint');
    const card = out.find((a) => a.attachments)?.attachments?.[0]?.content as {
      title: string;
      buttons: { title: string }[];
    };
    expect(card.title).toBe('✓ tips:tip-1.title');
    expect(card.buttons[0]?.title).toBe('common:tip.remove');
  });

  it('the terminal numbers the choices and says to type the number', () => {
    const text = renderText(view, t)
      .map((a) => a.text)
      .join('\n');
    expect(text).toContain('1. employee:phases.returnPrep');
    expect(text).toContain('common:choiceHint');
  });
});

describe('no numbers outside the terminal', () => {
  it('the "not understood" answer (all channels) never asks for a number: only the terminal shows numbers', () => {
    const i18n = createI18n(loadLocales(path.join(ROOT, 'locales')));
    for (const lng of ['en', 'nl', 'fr'] as const) {
      const text = i18n.getFixedT(lng)('common:notUnderstood') as string;
      expect(text.length).toBeGreaterThan(20);
      expect(text).not.toMatch(/number|nummer|numéro/i);
    }
  });
});
