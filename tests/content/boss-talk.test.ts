import path from 'node:path';
import { createI18n } from '../../src/content/i18n';
import { loadLocales } from '../../src/content/locales';
import type { FlowScript } from '../../src/engine/flow-schema';
import { scriptReady, scriptView } from '../../src/engine/script';
import { COUNTRIES, LANGUAGES, type Country, type Lang, type RoadmapContext } from '../../src/engine/types';
import { say } from '../../src/render/translate-view';
import { STOPWORDS } from '../../src/understanding/stopwords';
import { engine, ROOT } from '../helpers/engine';

/**
 * Every combination of the boss tool's answers, in every language, country and tone: the talk is in the
 * first person, in the reader's language, at least three sentences, and never says more than the user chose.
 */
const i18n = createI18n(loadLocales(path.join(ROOT, 'locales')));
const plan = engine().index.states.get('employee.bossPlan');
const script = plan?.def.script as FlowScript;
const choicesOf = (state: string) =>
  engine()
    .index.states.get(`employee.${state}`)
    ?.def.choices.map((c) => c.id) ?? [];

const QUESTIONS: [string, string][] = [
  ['boss.share', 'bossShare'],
  ['boss.support', 'bossSupport'],
  ['boss.colleagues', 'bossColleagues'],
  ['boss.contact', 'bossContact'],
  ['boss.when', 'bossWhen'],
];
function* combinations(i = 0, answers: Record<string, string> = {}): Generator<Record<string, string>> {
  if (i === QUESTIONS.length) {
    yield answers;
    return;
  }
  const [question, state] = QUESTIONS[i] as [string, string];
  for (const id of choicesOf(state)) yield* combinations(i + 1, { ...answers, [question]: id });
}
const ALL = [...combinations()];

/** Words that name the illness or its treatment, in any of the three languages. */
const CANCER = /\b(cancer|kanker|tumeur|tumor|tumour|chemo|chimio|oncolog|radioth|bestraling)/i;
/** Words that say anything about health at all. */
const HEALTH =
  /\b(health|ill|illness|sick|treatment|doctor|medical|gezondheid|ziek|ziekte|behandeling|arts|medisch|santé|malad|traitement|médec|médic|soin)/i;
const FIRST_PERSON: Record<Lang, RegExp> = {
  en: /\b(I|I'm|I'd|I'll|me|my)\b/,
  nl: /\b(ik|mij|me|mijn)\b/i,
  fr: /\b(je|j'|j’|me|m'|m’|moi|mon|ma|mes)\b/i,
};

function languageOf(text: string): Lang {
  const words = text.toLowerCase().split(/[^a-zà-ÿ']+/);
  const score = (l: Lang) => words.filter((w) => STOPWORDS[l].has(w)).length;
  return [...LANGUAGES].sort((a, b) => score(b) - score(a))[0] as Lang;
}

function talk(lang: Lang, country: Country, answers: Record<string, string>): string {
  const ctx: RoadmapContext = { lang, country, perspective: 'employee', answers, savedTips: [] };
  const view = scriptView(script, ctx);
  const t = (key: string, options?: Record<string, unknown>) =>
    i18n.getFixedT(lang)(key, { context: country, ...options }) as string;
  return view.paragraphs.map((p) => say(t, p)).join('\n\n');
}

describe('the boss talk, for every combination of answers', () => {
  it('covers every combination of the five questions (4 × 5 × 4 × 4 × 4)', () => {
    expect(script).toBeDefined();
    expect(ALL.length).toBe(1280);
    expect(ALL.every((a) => scriptReady(script, a))).toBe(true);
  });

  it.each(LANGUAGES.flatMap((l) => COUNTRIES.map((c) => [l, c] as const)))(
    '%s for %s: first person, the right language, ≥ 3 sentences, never more than chosen',
    (lang, country) => {
      const problems: string[] = [];
      for (const answers of ALL)
        for (const tone of script.tones) {
          const text = talk(lang, country, { ...answers, 'boss.tone': tone });
          const where = `${JSON.stringify(answers)} ${tone}`;
          if (/\{\{|\btalk:|\bboss\./.test(text)) problems.push(`${where}: untranslated: ${text}`);
          if ((text.match(/[.!?…](\s|$)/g) ?? []).length < 3)
            problems.push(`${where}: fewer than 3 sentences`);
          if (!FIRST_PERSON[lang].test(text)) problems.push(`${where}: not in the first person`);
          if (languageOf(text) !== lang) problems.push(`${where}: reads as ${languageOf(text)}`);
          if (
            answers['boss.share'] !== 'diagnosis' &&
            answers['boss.share'] !== 'treatment' &&
            CANCER.test(text)
          )
            problems.push(
              `${where}: names the illness though the user chose "${answers['boss.share']}": ${text}`,
            );
          if (answers['boss.share'] === 'nothing' && HEALTH.test(text))
            problems.push(`${where}: speaks of health though the user shares nothing: ${text}`);
        }
      expect(problems.slice(0, 5)).toEqual([]);
    },
  );

  it('the tones really differ, so the user can pick the one that sounds like them', () => {
    for (const lang of LANGUAGES) {
      const answers = ALL[0] as Record<string, string>;
      const texts = script.tones.map((tone) => talk(lang, 'BE', { ...answers, 'boss.tone': tone }));
      expect(new Set(texts).size).toBe(script.tones.length);
    }
  });

  it('the checks can fail: a talk that names the illness is caught', () => {
    expect(CANCER.test('Ik heb kanker.')).toBe(true);
    expect(HEALTH.test("J'ai un problème de santé.")).toBe(true);
    expect(languageOf('Ik wil je iets vertellen over mijn werk.')).toBe('nl');
    expect(FIRST_PERSON.fr.test('Il faut prévenir.')).toBe(false);
  });
});

describe('the colleagues talk, for every combination of answers', () => {
  const coll = engine().index.states.get('employee.collTalk')?.def.script as FlowScript;
  const shares = choicesOf('collShare');
  const wishes = choicesOf('collWish');

  it.each(LANGUAGES.flatMap((l) => COUNTRIES.map((c) => [l, c] as const)))(
    '%s for %s: first person, the right language, never more than chosen',
    (lang, country) => {
      const problems: string[] = [];
      const t = (key: string, options?: Record<string, unknown>) =>
        i18n.getFixedT(lang)(key, { context: country, ...options }) as string;
      for (const share of shares)
        for (const wish of wishes)
          for (const tone of coll.tones) {
            const answers = {
              'colleaguesTalk.share': share,
              'colleaguesTalk.wish': wish,
              'colleaguesTalk.tone': tone,
            };
            const ctx: RoadmapContext = { lang, country, perspective: 'employee', answers, savedTips: [] };
            const text = scriptView(coll, ctx)
              .paragraphs.map((p) => say(t, p))
              .join('\n\n');
            const where = `${share}/${wish}/${tone}`;
            if (!FIRST_PERSON[lang].test(text)) problems.push(`${where}: not in the first person`);
            if (languageOf(text) !== lang) problems.push(`${where}: reads as ${languageOf(text)}`);
            if (share !== 'diagnosis' && CANCER.test(text))
              problems.push(`${where}: names the illness: ${text}`);
            if (share === 'nothing' && HEALTH.test(text))
              problems.push(`${where}: speaks of health: ${text}`);
          }
      expect(problems).toEqual([]);
    },
  );
});
