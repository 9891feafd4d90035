import { type Country, type JumpTarget, type Lang, type Perspective, type Topic } from '../engine/types';
import { analyze } from './analyze';
import type { InvertedIndex, QueryTerm } from './inverted-index';
import { FIELDS, type ContentSearch, type Phrase, type SearchDoc } from './search-index';
import { TUNING } from './search-tuning';

export { buildContentSearch, type ContentSearch, type Texts } from './search-index';

/**
 * A search over all content in the conversation's language: BM25+ per field (inverted-index.ts) with
 * prefix, typo and compound lookups and keyword phrases, then weighted by the user's perspective and
 * country. Best first; understand-text.ts decides what to do with the result.
 */

export interface Match {
  state: string;
  tip?: string;
  topics: Topic[];
  /** Relevance in [0, 1]: how well the text matched and how much of it. */
  score: number;
  /** Share of the typed words (function words aside) found in this place. */
  coverage: number;
  /** Share of the typed words found in this place's title or keywords (the strongest evidence). */
  strong: number;
  /** A signal keyword ("!" in keywords.json) was typed: this place comes before the others. */
  signal: boolean;
  target: JumpTarget;
}

export interface SearchQuery {
  lang: Lang;
  text: string;
  perspective?: Perspective | null;
  country?: Country | null;
}

/** Whether a place may be offered to this user: their perspective's (or shared), tips of their country. */
function applies(doc: SearchDoc, q: SearchQuery): boolean {
  if (q.perspective && doc.perspective && doc.perspective !== q.perspective) return false;
  // A tip shows where the engine would show it: in the user's country; with none, everywhere-tips.
  return !doc.countries || (q.country ? doc.countries.includes(q.country) : doc.countries.length === 4);
}

/** The title and keyword fields: a typed word found there is strong evidence. */
const SIGNAL_FIELD = 1 << FIELDS.indexOf('signals');
const STRONG_FIELDS =
  (1 << FIELDS.indexOf('label')) | (1 << FIELDS.indexOf('keywords')) | (1 << FIELDS.indexOf('signals'));

function bitCount(bits: number): number {
  let n = 0;
  for (; bits; n++) bits &= bits - 1;
  return n;
}

/**
 * The lookups for a text: each typed term; for a term the index does not know, the known terms it
 * begins (4+ letters: "terugkeer" → "terugkeerplan"), the known terms one or two typos away, and the
 * known parts of a compound.
 */
function lookups(index: InvertedIndex, phrases: Map<string, Phrase[]>, terms: string[]): QueryTerm[] {
  const out: QueryTerm[] = [];
  const seen = new Map<string, QueryTerm>();
  const add = (term: string, origin: number, weight: number) => {
    if (seen.has(term)) return;
    const q = { term, origins: 1 << origin, weight };
    seen.set(term, q);
    out.push(q);
  };

  terms.forEach((t, i) => {
    add(t, i, 1);
    if (index.has(t)) return;
    if (t.length >= 4)
      for (const e of index.extensions(t, 12))
        add(e, i, (TUNING.prefixWeight * t.length) / (t.length + 0.3 * (e.length - t.length)));
    for (const n of index.nearTerms(t)) add(n.term, i, TUNING.fuzzyWeight * (n.distance === 1 ? 1 : 0.7));
    for (const p of index.parts(t)) add(p, i, (TUNING.partWeight * p.length) / t.length);
  });
  // Keyword phrases whose words were all typed (or found near a typed word) count as one term.
  const words = [...out];
  const done = new Set<string>();
  for (const w of words)
    for (const p of phrases.get(w.term) ?? []) {
      if (done.has(p.key)) continue;
      done.add(p.key);
      const parts = p.terms.map((t) => seen.get(t));
      if (parts.every(Boolean))
        out.push({
          term: p.key,
          origins: parts.reduce((bits, q) => bits | (q as QueryTerm).origins, 0),
          weight: Math.min(...parts.map((q) => (q as QueryTerm).weight)),
        });
    }
  return out;
}

/** The best places for a text, best first: states of the user's perspective (or shared) and tips. */
export function searchContent(search: ContentSearch, q: SearchQuery, limit = 5): Match[] {
  const terms = [...new Set(analyze(q.lang, q.text))].slice(0, 30);
  if (!terms.length) return [];
  const index = search.indexes[q.lang];
  // With a known country, other countries' texts do not count.
  const boosts = FIELDS.map((f) =>
    f.length === 6 && f.startsWith('text')
      ? q.country
        ? f === `text${q.country}`
          ? TUNING.ownCountry
          : 0
        : TUNING.unknownCountry
      : TUNING.boost[f as keyof typeof TUNING.boost],
  );
  const scored: { doc: SearchDoc; score: number; coverage: number; strong: number; signal: boolean }[] = [];
  for (const hit of index.search(lookups(index, search.phrases[q.lang], terms), boosts, STRONG_FIELDS)) {
    const doc = search.docs[hit.doc] as SearchDoc;
    if (!applies(doc, q)) continue;
    const covered = bitCount(hit.matched);
    const coverage = covered / terms.length;
    const raw = hit.score * (doc.kind === 'tip' ? TUNING.tip : 1);
    // Before a perspective is chosen, another perspective's place counts a little less.
    const other = !q.perspective && doc.perspective && doc.perspective !== 'employee';
    scored.push({
      doc,
      score:
        (raw / (raw + TUNING.half)) *
        (1 - TUNING.coverageWeight + TUNING.coverageWeight * coverage) *
        (other ? TUNING.otherPerspective : 1),
      coverage,
      strong: bitCount(hit.strong) / terms.length,
      signal: (hit.fields & SIGNAL_FIELD) !== 0,
    });
  }
  // A place with a typed signal keyword comes first, and scores at least as well as any other.
  const floor = Math.max(0, ...scored.filter((x) => !x.signal).map((x) => x.score));
  for (const x of scored) if (x.signal) x.score = Math.max(x.score, floor);
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return scored
    .sort((a, b) => Number(b.signal) - Number(a.signal) || b.score - a.score)
    .slice(0, limit)
    .map(({ doc, score, coverage, strong, signal }) => ({
      state: doc.state,
      ...(doc.tip ? { tip: doc.tip } : {}),
      topics: doc.topics,
      score: round(score),
      coverage: round(coverage),
      strong: round(strong),
      signal,
      target: doc.tip ? { kind: 'tip', op: 'show', tip: doc.tip } : { kind: 'goto', state: doc.state },
    }));
}
