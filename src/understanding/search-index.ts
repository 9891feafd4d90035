import type { ContentIndex } from '../engine/content-bundle';
import { resolveTarget } from '../engine/flow-ids';
import type { FlowMessage } from '../engine/flow-schema';
import type { JumpTargets } from '../engine/jump-targets';
import { COUNTRIES, LANGUAGES, type Country, type Lang, type Perspective, type Topic } from '../engine/types';
import { analyze, surfaceWords } from './analyze';
import { InvertedIndex } from './inverted-index';
import type { Keywords } from './keywords';
import { TUNING } from './search-tuning';

/**
 * The search index over all content, one per language, built once at start-up: every place a jump
 * may land (see engine/jump-targets.ts) and every tip, with their titles, keywords
 * (locales/<lng>/keywords.json) and texts (neutral and per country). Queried by content-search.ts.
 */

/** Locale texts by key (`ns:a.b.c`), as loaded by src/content/locales.ts. */
export type Texts = Record<Lang, Record<string, Record<string, unknown>>>;

export interface SearchDoc {
  id: number;
  kind: 'state' | 'tip';
  /** The state a match lands on; for a tip, the state that lists it ('' when none does). */
  state: string;
  tip?: string;
  perspective: Perspective | null;
  topics: Topic[];
  /** Tips: the countries where the tip applies. States apply everywhere. */
  countries: Country[] | null;
}

export interface ContentSearch {
  docs: SearchDoc[];
  indexes: Record<Lang, InvertedIndex>;
  /** Keyword phrases of several words, by each of their words: a phrase counts when all its words are typed. */
  phrases: Record<Lang, Map<string, Phrase[]>>;
  /** Folded words of each language's content and keywords: evidence for language detection. */
  vocabulary: Record<Lang, Set<string>>;
}

export const FIELDS = [
  'label',
  'keywords',
  'signals',
  'phrases',
  'tips',
  'text',
  ...COUNTRIES.map((c) => `text${c}`),
] as const;
type Fields = Record<string, string>;

/** A keyword of several words ("chemo brain"), indexed as one term: all its words together. */
export interface Phrase {
  key: string;
  terms: string[];
}
const phraseKey = (terms: string[]) => [...terms].sort().join('+');

/** The text of a key (`ns:a.b.c`) in a language, straight from the loaded locale files. */
export function lookupText(texts: Texts, lang: Lang, key: string): string | undefined {
  const i = key.indexOf(':');
  let node: unknown = texts[lang]?.[key.slice(0, i)];
  for (const part of key.slice(i + 1).split('.')) {
    if (!node || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
}

function sayTexts(texts: Texts, lang: Lang, say: FlowMessage[]): Record<string, string> {
  const out: Record<string, string[]> = { text: [] };
  for (const m of say) {
    const key = typeof m === 'string' ? m : m.key;
    out.text!.push(lookupText(texts, lang, key) ?? '');
    if (typeof m !== 'string' && m.context === 'country')
      for (const c of COUNTRIES) (out[`text${c}`] ??= []).push(lookupText(texts, lang, `${key}_${c}`) ?? '');
  }
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, v.join('\n')]));
}

function tipTexts(texts: Texts, lang: Lang, tipId: string): Record<string, string> {
  const out: Record<string, string> = { text: lookupText(texts, lang, `tips:${tipId}.body`) ?? '' };
  for (const c of COUNTRIES) out[`text${c}`] = lookupText(texts, lang, `tips:${tipId}.body_${c}`) ?? '';
  return out;
}

export function buildContentSearch(
  index: ContentIndex,
  jumps: JumpTargets,
  texts: Texts,
  keywords: Keywords,
): ContentSearch {
  const docs: SearchDoc[] = [];
  const perLang = Object.fromEntries(LANGUAGES.map((l) => [l, [] as Fields[]])) as Record<Lang, Fields[]>;
  const fields = (lang: Lang, f: Fields): Fields => (perLang[lang].push(f), f);

  // States: a tool's inner states lend their keywords to the tool's first question.
  const folded = new Map<string, string[]>();
  for (const [id, target] of jumps.canonical)
    if (target) folded.set(target, [...(folded.get(target) ?? []), id]);
  const inboundLabels = new Map<string, Set<string>>();
  for (const e of index.states.values())
    for (const c of e.def.choices) {
      const to = jumps.canonical.get(resolveTarget(e.flow.id, c.to));
      if (to) inboundLabels.set(to, (inboundLabels.get(to) ?? new Set()).add(c.label));
    }

  for (const [target, members] of folded) {
    const e = index.states.get(target);
    if (!e) continue;
    const id = docs.length;
    docs.push({
      id,
      kind: 'state',
      state: target,
      perspective: e.flow.perspective ?? null,
      topics: e.def.topics,
      countries: null,
    });
    for (const lang of LANGUAGES) {
      const labels = [jumps.labels.get(target) ?? '', ...(inboundLabels.get(target) ?? [])];
      fields(lang, {
        label: [...new Set(labels)].map((k) => lookupText(texts, lang, k) ?? '').join('\n'),
        keywords: members.flatMap((m) => keywords[lang]?.[m] ?? []).join('\n'),
        tips: e.def.tips.map((t) => lookupText(texts, lang, `tips:${t}.title`) ?? '').join('\n'),
        ...sayTexts(texts, lang, e.def.say),
      });
    }
  }

  for (const tip of index.tips.values()) {
    const id = docs.length;
    docs.push({
      id,
      kind: 'tip',
      state: jumps.tipHomes.get(tip.id) ?? '',
      tip: tip.id,
      perspective: tip.perspective,
      topics: tip.topics,
      countries: tip.countries,
    });
    for (const lang of LANGUAGES)
      fields(lang, {
        label: lookupText(texts, lang, `tips:${tip.id}.title`) ?? '',
        keywords: (keywords[lang]?.[tip.id] ?? []).join('\n'),
        ...tipTexts(texts, lang, tip.id),
      });
  }

  const indexes = {} as Record<Lang, InvertedIndex>;
  const vocabulary = {} as Record<Lang, Set<string>>;
  const phrases = {} as Record<Lang, Map<string, Phrase[]>>;
  for (const lang of LANGUAGES) {
    const byWord = (phrases[lang] = new Map<string, Phrase[]>());
    const known = new Set<string>();
    // The same text often fills several fields and places (titles, labels, shared sentences): analysed once.
    const analysedTexts = new Map<string, string[]>();
    const analyzeOnce = (text: string) => {
      let terms = analysedTexts.get(text);
      if (!terms) analysedTexts.set(text, (terms = analyze(lang, text)));
      return terms;
    };
    const analysed = perLang[lang].map((d) => {
      const out = Object.fromEntries(FIELDS.map((f) => [f, analyzeOnce(d[f] ?? '')]));
      // Keywords one per line: a one-word keyword is a term; a phrase is one term of all its words.
      const fields: Record<'keywords' | 'signals', string[]> = { keywords: [], signals: [] };
      const parts: string[] = [];
      for (const line of (d.keywords ?? '').split('\n')) {
        const field = line.trim().startsWith('!') ? 'signals' : 'keywords';
        const terms = [...new Set(analyze(lang, line))];
        if (terms.length < 2) {
          fields[field].push(...terms);
          continue;
        }
        const key = phraseKey(terms);
        fields[field].push(key);
        parts.push(...terms);
        if (known.has(key)) continue;
        known.add(key);
        for (const t of terms) byWord.set(t, [...(byWord.get(t) ?? []), { key, terms }]);
      }
      return { ...out, ...fields, phrases: parts };
    });
    indexes[lang] = new InvertedIndex(FIELDS, analysed, TUNING.lengthNorm);
    const words = new Set<string>();
    const seen = new Set<string>();
    for (const d of perLang[lang])
      for (const f of FIELDS) {
        const text = d[f] ?? '';
        if (seen.has(text)) continue;
        seen.add(text);
        for (const w of surfaceWords(text)) words.add(w);
      }
    vocabulary[lang] = words;
  }
  return { docs, indexes, vocabulary, phrases };
}
