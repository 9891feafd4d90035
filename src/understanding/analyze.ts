import { stemmer as stemEn } from '@orama/stemmers/english';
import { stemmer as stemNl } from '@orama/stemmers/dutch';
import { stemmer as stemFr } from '@orama/stemmers/french';
import type { Lang } from '../engine/types';
import { STOPWORDS } from './stopwords';

/**
 * Text processing per language, the same for the content (at start-up) and for typed text: words in
 * lower case, common spelling variants made one, Snowball stemming (en, nl, fr), accents folded last
 * (the French stemmer reads accents), function words dropped. "Mi-temps thérapeutique" →
 * [mi, temp, mitemp, therapeut]: a hyphenated word also counts written as one ("re-integratie").
 */
const STEMMERS: Record<Lang, (w: string) => string> = { en: stemEn, nl: stemNl, fr: stemFr };

/** Accents and case folded: "Thérapeutique" → "therapeutique". */
export function fold(word: string): string {
  return word
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

/** Spelling variants that mean the same word, per language (applied before stemming). */
const VARIANTS: Record<Lang, [RegExp, string][]> = {
  // organize/organise, -ization; US -or/-our pairs that occur in this domain.
  en: [
    [/^(\p{L}{3,})iz(e|es|ed|ing|ation|ations)$/u, '$1is$2'],
    [/^(lab|behavi|hon|fav|col)or(s|ed|ing)?$/u, '$1our$2'],
    [/^(program)s?$/u, 'programme'],
  ],
  // Informal spellings: "mn" is "mijn" (a function word), "ff" is "even".
  // Plurals in 's written without the apostrophe: collegas → collega ("collega's" splits already).
  nl: [
    [/^(mn|zn)$/u, 'mijn'],
    [/^ff$/u, 'even'],
    [/^(\p{L}{3,}[aouy])s$/u, '$1'],
  ],
  fr: [],
};

/**
 * After stemming: Dutch verb forms the Snowball stemmer leaves apart (werkt/werken → werk, zegt/zeggen
 * → zeg, betaalt/betalen → betal) and French -aill/-eill stems (travailler/travail).
 */
const AFTER_STEM: Record<Lang, (stem: string) => string> = {
  en: (s) => s,
  nl: (s) =>
    s
      .replace(/([^aeiout])t$/, '$1')
      .replace(/(aa|ee|oo|uu)(?=[^aeiou]*$)/, (v) => v[0] as string)
      .replace(/([bcdfgklmnprstvz])\1$/, '$1'),
  fr: (s) => s.replace(/([ae]i)ll$/, '$1l'),
};

const LIGATURES: Record<string, string> = { œ: 'oe', æ: 'ae', ß: 'ss' };

const keep = (w: string): boolean => w.length > 1 || /\d/.test(w);

/** Words as typed, lower case, with their accents: the tokens of a text. */
export function tokens(text: string): string[] {
  const out: string[] = [];
  const words = text
    .toLowerCase()
    .normalize('NFC')
    .replace(/[œæß]/g, (c) => LIGATURES[c] ?? c)
    .replace(/[’‘`´]/g, "'")
    // Elisions and clitics ("l'équipe", "qu'il", "collega's", "don't") split into their parts.
    .split(/[^\p{L}\p{N}-]+/u);
  for (const w of words) {
    if (!w.includes('-')) {
      if (keep(w)) out.push(w);
      continue;
    }
    // A hyphenated word counts as its parts and as one word ("re-integratie" → re, integratie, reintegratie).
    const parts = w.split('-').filter(Boolean);
    if (parts.length > 1) parts.push(parts.join(''));
    for (const p of parts) if (keep(p)) out.push(p);
  }
  return out;
}

function variant(lang: Lang, word: string): string {
  for (const [re, to] of VARIANTS[lang]) if (re.test(word)) return word.replace(re, to);
  return word;
}

const stemCache: Record<Lang, Map<string, string>> = { en: new Map(), nl: new Map(), fr: new Map() };

/** One word → its search term (or '' for a function word). Cached: the vocabulary is small. */
export function term(lang: Lang, word: string): string {
  const cache = stemCache[lang];
  const hit = cache.get(word);
  if (hit !== undefined) return hit;
  const v = variant(lang, word);
  const folded = fold(v);
  let out = '';
  if (!STOPWORDS[lang].has(folded)) out = /\d/.test(v) ? folded : fold(AFTER_STEM[lang](STEMMERS[lang](v)));
  if (cache.size < 50_000) cache.set(word, out);
  return out;
}

/** A text → its search terms, in order (duplicates kept). */
export function analyze(lang: Lang, text: string): string[] {
  const out: string[] = [];
  for (const w of tokens(text)) {
    const t = term(lang, w);
    if (t) out.push(t);
  }
  return out;
}

const textCache: Record<Lang, Map<string, string[]>> = { en: new Map(), nl: new Map(), fr: new Map() };

/** `analyze` for texts that come back often (button labels, keyword phrases): remembered. */
export function analyzeCached(lang: Lang, text: string): string[] {
  const cache = textCache[lang];
  let hit = cache.get(text);
  if (!hit) {
    hit = [...new Set(analyze(lang, text))];
    if (cache.size < 20_000) cache.set(text, hit);
  }
  return hit;
}

/** Words folded but not stemmed, function words included: evidence for language detection. */
export function surfaceWords(text: string): string[] {
  return tokens(text).map(fold);
}
