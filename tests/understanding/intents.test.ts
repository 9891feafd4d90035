import fs from 'node:fs';
import path from 'node:path';
import { currentView, step } from '../../src/engine/step';
import {
  COMMANDS,
  LANGUAGES,
  PERSPECTIVES,
  type EngineInput,
  type Lang,
  type Perspective,
  type StepResult,
} from '../../src/engine/types';
import { understandText } from '../../src/understanding/understand-text';
import { ROOT } from '../helpers/engine';
import { content } from './content';

/**
 * Who is asking, and small talk: phrasings written natively per language (tests/understanding/intents.<lng>.jsonl),
 * each typed from the phases menu of a user of `perspective`. `expect` is `offer:<perspective>` (the text says the
 * user is someone else: offer to switch), `command:<name>` (greetings, thanks… answered briefly), or `search` (the
 * user's own role or a plain question: no offer, the search in their own perspective answers). Thresholds: every
 * small-talk phrasing is recognised; at least 90 % of the role phrasings offer the right perspective; no phrasing
 * of the user's own perspective gets an offer.
 */
interface Intent {
  text: string;
  perspective: Perspective;
  expect: string;
}
const load = (lng: Lang): Intent[] =>
  fs
    .readFileSync(path.join(ROOT, 'tests', 'understanding', `intents.${lng}.jsonl`), 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('//'))
    .map((l) => JSON.parse(l) as Intent);

function menuOf(lang: Lang, perspective: Perspective): StepResult {
  const { engine } = content();
  let r = step(engine, null, { kind: 'start', lang }, 1);
  for (const id of [perspective, 'BE']) {
    const c = r.view.choices.find((x) => x.id === id);
    if (!c) throw new Error(`no choice ${id} in ${r.view.state}`);
    r = step(engine, r.persisted, c.payload, 1);
  }
  return r;
}

function understood(lang: Lang, item: Intent): EngineInput {
  const { engine, i18n, lexicon } = content();
  const r = menuOf(lang, item.perspective);
  const t = i18n.getFixedT(lang);
  return understandText(
    item.text,
    currentView(engine, r.persisted, lang),
    (k) => t(k),
    lexicon,
    r.persisted!.context,
  );
}

const as = (input: EngineInput): string =>
  input.kind === 'offerPerspective'
    ? `offer:${input.perspective}`
    : input.kind === 'command'
      ? `command:${input.name}`
      : 'search';

describe.each(LANGUAGES)('who is asking, and small talk (%s)', (lng) => {
  const items = load(lng);
  const results = items.map((item) => ({ item, got: as(understood(lng, item)) }));
  const of = (kind: string) => results.filter((r) => r.item.expect.startsWith(kind));

  it('has at least 30 phrasings: roles of every perspective, own-role questions and small talk', () => {
    expect(items.length).toBeGreaterThanOrEqual(30);
    for (const p of PERSPECTIVES) expect(items.some((i) => i.expect === `offer:${p}`)).toBe(true);
    expect(of('command:').length).toBeGreaterThanOrEqual(8);
    expect(of('search').length).toBeGreaterThanOrEqual(5);
    for (const i of items) {
      expect(PERSPECTIVES).toContain(i.perspective);
      if (i.expect.startsWith('command:')) expect(COMMANDS).toContain(i.expect.slice(8));
      if (i.expect.startsWith('offer:')) expect(i.expect).not.toBe(`offer:${i.perspective}`);
    }
  });

  it('recognises every small-talk phrasing', () => {
    const misses = of('command:').filter((r) => r.got !== r.item.expect);
    expect(misses.map((r) => `${r.item.text} → ${r.got}`)).toEqual([]);
  });

  it('offers the right perspective for at least 90 % of the role phrasings, and prints the figure', () => {
    const roles = of('offer:');
    const hits = roles.filter((r) => r.got === r.item.expect).length;
    console.log(`intents ${lng}: role phrasings ${hits}/${roles.length} offered the right perspective`);
    expect(hits / roles.length).toBeGreaterThanOrEqual(0.9);
  });

  it('never offers a switch for the user’s own role or a plain question', () => {
    const wrong = of('search').filter((r) => r.got.startsWith('offer:'));
    expect(wrong.map((r) => `${r.item.text} → ${r.got}`)).toEqual([]);
  });
});
