import type { View } from '../../src/engine/types';
import { renderTeams, TEAMS_LIMITS } from '../../src/render/render-teams';

/** The Teams renderer stays within what Teams shows and accepts, however big a view gets. */
const t = (key: string, o?: Record<string, unknown>) =>
  key === 'common:labelled'
    ? `${String(o?.label)}: ${String(o?.value)}`
    : key.endsWith('.body')
      ? `${key} ${'word '.repeat(300)}`
      : key;

function view(choices: number, tips: number, messages = 4): View {
  return {
    state: 'employee.phases',
    lang: 'en',
    messages: Array.from({ length: messages }, (_, i) => ({ key: `m:${i}` })),
    tips: Array.from({ length: tips }, (_, i) => ({
      id: `tip-${i}`,
      titleKey: `tips:${i}.title`,
      bodyKey: `tips:${i}.body`,
      saved: false,
      payload: { kind: 'tip', op: 'save', tip: `tip-${i}` },
    })),
    sources: [
      { fact: 'BE-1', url: 'https://example.org/a', publisher: 'Example', title: 'A page', lang: 'en' },
    ],
    choices: Array.from({ length: choices }, (_, i) => ({
      id: `c${i}`,
      labelKey: `choice:${i}`,
      payload: { kind: 'choice', state: 'employee.phases', choice: `c${i}`, v: '1' },
    })),
    expect: 'choice',
    effects: [],
    event: 'test',
  } as View;
}

type Card = {
  body: { type: string; text?: string; actions?: { type: string; title: string }[] }[];
  actions?: unknown[];
};
const cards = (out: ReturnType<typeof renderTeams>) =>
  out.flatMap((a) => (a.attachments ?? []).map((x) => x.content as Card));

describe('renderTeams', () => {
  it('12 choices and 15 long tips: one text message, carousels of at most 10 cards under the size limit, one button per choice', () => {
    const out = renderTeams(view(12, 15), t);
    expect(out.some((a) => a.suggestedActions)).toBe(false);
    // The texts of the turn in one message, before the tips; the choices card after them asks neutrally.
    expect(out[0]).toMatchObject({
      type: 'message',
      text: 'm:0\n\nm:1\n\nm:2\n\nm:3',
      textFormat: 'markdown',
    });
    const carousels = out.filter((a) => a.attachments?.length && cards([a])[0]!.body.length === 2);
    expect(carousels.flatMap((a) => a.attachments)).toHaveLength(15);
    expect(carousels.length).toBeGreaterThan(1);
    for (const a of out) {
      expect((a.attachments ?? []).length).toBeLessThanOrEqual(TEAMS_LIMITS.cardsPerCarousel);
      expect(Buffer.byteLength(JSON.stringify(a))).toBeLessThan(28 * 1024);
    }
    for (const c of cards(out)) {
      expect((c.actions ?? []).length).toBeLessThanOrEqual(TEAMS_LIMITS.actionsPerSet);
      // Every button echoes what was pressed (Teams messageBack), and carries its payload.
      for (const a of [...(c.actions ?? []), ...c.body.flatMap((b) => b.actions ?? [])] as {
        title: string;
        data: { msteams: { type: string; displayText: string; value: unknown } };
      }[]) {
        expect(a.data.msteams).toMatchObject({ type: 'messageBack' });
        expect(a.data.msteams.displayText).toContain(a.title);
        expect(a.data.msteams.value).toMatchObject({ kind: expect.any(String) });
      }
      for (const b of c.body)
        if (b.type === 'ActionSet') expect(b.actions!.length).toBeLessThanOrEqual(TEAMS_LIMITS.actionsPerSet);
    }
    const choiceCard = cards(out).at(-1)!;
    expect(choiceCard.body[0]).toMatchObject({ type: 'TextBlock', text: 'common:choosePrompt', wrap: true });
    expect(choiceCard.body.slice(1).map((b) => b.actions!.map((x) => [x.type, x.title]))).toEqual(
      Array.from({ length: 12 }, (_, i) => [['Action.Submit', `choice:${i}`]]),
    );
  });

  it('with nothing between the texts and the choices, the last text is the question on the choices card', () => {
    const plain = { ...view(3, 0, 3), sources: [] };
    const out = renderTeams(plain, t);
    expect(out[0]).toMatchObject({ text: 'm:0\n\nm:1' });
    expect(cards(out).at(-1)!.body[0]).toMatchObject({ type: 'TextBlock', text: 'm:2' });
  });

  it('without choices, every text goes in the one message, and no choices card is sent', () => {
    const out = renderTeams(view(0, 0, 2), t);
    expect(out[0]).toMatchObject({ text: 'm:0\n\nm:1' });
    expect(cards(out)).toEqual([]);
  });

  it('a single tip is a plain card, not a carousel', () => {
    const out = renderTeams(view(2, 1), t);
    const tip = out.find((a) => a.attachments && cards([a])[0]!.body.length === 2)!;
    expect(tip.attachmentLayout).toBeUndefined();
  });
});
