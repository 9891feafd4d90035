import { loadContent } from '../../src/content/load-content';
import { loadLocales } from '../../src/content/locales';
import { LANGUAGES, type Lang } from '../../src/engine/types';
import { FLOWS_DIR, LOCALES_DIR, leaves } from './content-helpers';

/**
 * Plain-language (B1) budget for chat text, per language: no message longer than a chat bubble,
 * and short sentences on average. French runs longer than English and Dutch for the same content,
 * so it gets a little more room. Button labels (choice labels in the flows) are not messages and
 * are left out, so a hundred three-word buttons do not flatter the average.
 */
const MAX_CHARS = 420;
// Plain language (about B1): short sentences on average. Measured at the time of writing: en 11.4, nl 10.1, fr 11.7.
const MAX_AVG_WORDS: Record<Lang, number> = { en: 15, nl: 15, fr: 17 };

const resources = loadLocales(LOCALES_DIR);
const bundle = loadContent(FLOWS_DIR);
const buttonLabels = new Set(
  bundle.flows.flatMap(({ flow }) =>
    Object.values(flow.states).flatMap((s) => s.choices.map((c) => c.label)),
  ),
);

/** The messages of one language: entry, employee, common and talk texts, and every tip body (with variants). */
function messages(lng: Lang): { key: string; text: string }[] {
  return [...leaves(resources, lng)]
    .filter(
      ([key]) =>
        (/^(entry|employee|common|talk):/.test(key) && !buttonLabels.has(key)) ||
        /^tips:[\w-]+\.body(_[A-Z]{2})?$/.test(key),
    )
    .filter((e): e is [string, string] => typeof e[1] === 'string')
    .map(([key, text]) => ({ key, text }));
}

/** Sentences end with . ! or ? followed by a space (or the end of the message). */
const sentences = (text: string): string[] =>
  text
    .split(/[.!?]\s+/)
    .map((s) => s.trim())
    .filter(Boolean);
/** Words are tokens with a letter or digit ("?" after a French space is not a word). */
const words = (sentence: string): number =>
  sentence.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;

interface Figures {
  messages: number;
  sentences: number;
  avgWords: number;
  longest: { key: string; chars: number; text: string };
  longestSentence: { key: string; words: number };
}

function figures(lng: Lang): Figures {
  const msgs = messages(lng);
  const all = msgs.flatMap((m) => sentences(m.text).map((s) => ({ key: m.key, words: words(s) })));
  const longest = msgs.reduce((a, b) => (b.text.length > a.text.length ? b : a));
  const longestSentence = all.reduce((a, b) => (b.words > a.words ? b : a));
  return {
    messages: msgs.length,
    sentences: all.length,
    avgWords: all.reduce((n, s) => n + s.words, 0) / all.length,
    longest: { key: longest.key, chars: longest.text.length, text: longest.text },
    longestSentence,
  };
}

describe('the measuring rules', () => {
  it('split sentences and count words as a reader would', () => {
    expect(sentences('Hello. I help people! Where do you work? The rules differ.')).toHaveLength(4);
    expect(sentences('Où travaillez-vous ? Les règles changent.')).toHaveLength(2);
    expect(words('Où travaillez-vous ?')).toBe(2);
    expect(words('For the first 7 days you can self-certify')).toBe(8);
  });
});

describe.each(LANGUAGES)('readability: %s', (lng) => {
  const f = figures(lng);

  it('prints its figures', () => {
    console.log(
      [
        `readability ${lng}: ${f.messages} messages, ${f.sentences} sentences, ` +
          `average ${f.avgWords.toFixed(1)} words per sentence (max ${MAX_AVG_WORDS[lng]})`,
        `longest message: ${f.longest.key}, ${f.longest.chars} characters (max ${MAX_CHARS})`,
        `  "${f.longest.text}"`,
        `longest sentence: ${f.longestSentence.key}, ${f.longestSentence.words} words`,
      ].join('\n'),
    );
    expect(f.messages).toBeGreaterThan(50);
  });

  it(`no message is longer than ${MAX_CHARS} characters (one chat bubble)`, () => {
    const tooLong = messages(lng)
      .filter((m) => m.text.length > MAX_CHARS)
      .map((m) => `${m.key}: ${m.text.length} characters`);
    expect(tooLong).toEqual([]);
  });

  it(`sentences average at most ${MAX_AVG_WORDS[lng]} words`, () => {
    expect(f.avgWords).toBeLessThanOrEqual(MAX_AVG_WORDS[lng]);
  });
});
