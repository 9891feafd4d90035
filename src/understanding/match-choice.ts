import { LANGUAGES, type ButtonPayload, type ChoiceView, type Lang } from '../engine/types';
import { analyze, analyzeCached } from './analyze';
import { editDistance, sameWord, typoBudget } from './edit-distance';
import { normalize } from './normalize';

/**
 * One of the choices on offer, from typed text: its label in any case and with or without accents
 * (also in another supported language), its label with a small typo, at least half of its label's
 * words ("the netherland"), or a keyword of the state it leads to (a synonym: "relapse"). Only a single clear winner
 * counts: when two choices fit equally, the text goes on to the search.
 */
export interface ChoiceWords {
  /** The text of a label key in a language (undefined when missing). */
  label: (key: string, lang: Lang) => string | undefined;
  /** The state a payload leads to, for its keywords. */
  targetOf: (payload: ButtonPayload) => string | undefined;
  /** Analysed keyword phrases per state id, per language. */
  synonyms: Record<Lang, Map<string, string[][]>>;
}

const uniq = (xs: string[]) => [...new Set(xs)];

const within = (a: string[], b: string[]) => a.every((x) => b.some((y) => sameWord(x, y)));

const normCache = new Map<string, string>();
/** A label as `normalize` leaves it, remembered (labels are few). */
function normalized(words: ChoiceWords, key: string, lang: Lang): string {
  const text = words.label(key, lang) ?? '';
  let n = normCache.get(text);
  if (n === undefined) {
    n = normalize(text);
    if (normCache.size < 20_000) normCache.set(text, n);
  }
  return n;
}

export function matchChoice(
  text: string,
  choices: ChoiceView[],
  lang: Lang,
  words: ChoiceWords,
): ButtonPayload | null {
  const said = normalize(text);
  if (!said || !choices.length) return null;
  for (const l of [lang, ...LANGUAGES.filter((x) => x !== lang)]) {
    const exact = choices.filter((c) => normalized(words, c.labelKey, l) === said);
    if (exact.length === 1) return (exact[0] as ChoiceView).payload;
  }
  const q = uniq(analyze(lang, text));
  let best = 0;
  let winners: ChoiceView[] = [];
  for (const c of choices) {
    const n = normalized(words, c.labelKey, lang);
    const L = analyzeCached(lang, words.label(c.labelKey, lang) ?? '');
    let tier = 0;
    if (n && editDistance(n, said, typoBudget(n.length)) <= typoBudget(n.length)) tier = 4;
    else if (q.length && L.length) {
      const qInL = within(q, L);
      const lInQ = within(L, q);
      if (qInL && lInQ) tier = 3;
      // Part of a label counts when it is at least half of it ("talk" is not "plan the talk with my boss").
      else if (qInL && 2 * q.length >= L.length) tier = 2;
      else if (lInQ && q.length <= L.length + 2) tier = 1;
    }
    const target = words.targetOf(c.payload);
    if (tier < 3 && q.length && target)
      for (const phrase of words.synonyms[lang].get(target) ?? [])
        if (phrase.length && within(phrase, q) && within(q, phrase)) tier = 3;
    if (tier > best) [best, winners] = [tier, [c]];
    else if (tier === best && tier) winners.push(c);
  }
  return winners.length === 1 ? (winners[0] as ChoiceView).payload : null;
}
