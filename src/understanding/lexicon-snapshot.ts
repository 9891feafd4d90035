import { LANGUAGES, type Lang } from '../engine/types';
import { InvertedIndex, type InvertedIndexData } from './inverted-index';
import type { ChoiceWords } from './match-choice';
import { FIELDS, type ContentSearch, type Phrase, type SearchDoc } from './search-index';

/**
 * The analysed content (choice synonyms and the content search), as plain data. Analysing all content
 * in three languages (tokens, stems, an inverted index each) is most of the content's start-up cost;
 * `npm run build` writes this snapshot next to the compiled code (src/cli/write-lexicon-snapshot.ts),
 * and start-up restores it when its hash says it was made from the same content and code
 * (src/content/lexicon-hash.ts), else analyses the content as before.
 */
export interface LexiconSnapshot {
  format: typeof SNAPSHOT_FORMAT;
  hash: string;
  synonyms: Record<Lang, [string, string[][]][]>;
  docs: SearchDoc[];
  indexes: Record<Lang, InvertedIndexData>;
  phrases: Record<Lang, [string, Phrase[]][]>;
  vocabulary: Record<Lang, string[]>;
}

export const SNAPSHOT_FORMAT = 1;

/** What the snapshot holds: the analysed parts of a lexicon. */
export interface AnalysedContent {
  synonyms: ChoiceWords['synonyms'];
  search: ContentSearch;
}

const perLang = <A, B>(from: Record<Lang, A>, f: (a: A) => B): Record<Lang, B> =>
  Object.fromEntries(LANGUAGES.map((l) => [l, f(from[l])])) as Record<Lang, B>;

export function toSnapshot(analysed: AnalysedContent, hash: string): LexiconSnapshot {
  const { synonyms, search } = analysed;
  return {
    format: SNAPSHOT_FORMAT,
    hash,
    synonyms: perLang(synonyms, (m) => [...m]),
    docs: search.docs,
    indexes: perLang(search.indexes, (i) => i.toData()),
    phrases: perLang(search.phrases, (m) => [...m]),
    vocabulary: perLang(search.vocabulary, (s) => [...s]),
  };
}

export function fromSnapshot(s: LexiconSnapshot): AnalysedContent {
  return {
    synonyms: perLang(s.synonyms, (entries) => new Map(entries)),
    search: {
      docs: s.docs,
      indexes: perLang(s.indexes, (data) => new InvertedIndex(FIELDS, data)),
      phrases: perLang(s.phrases, (entries) => new Map(entries)),
      vocabulary: perLang(s.vocabulary, (words) => new Set(words)),
    },
  };
}

/** The snapshot in `json` when it is one of this format made with `hash`; otherwise null. */
export function matchingSnapshot(json: string, hash: string): LexiconSnapshot | null {
  const parsed = JSON.parse(json) as Partial<LexiconSnapshot> | null;
  if (!parsed || parsed.format !== SNAPSHOT_FORMAT || parsed.hash !== hash) return null;
  return parsed as LexiconSnapshot;
}
