import fs from 'node:fs';
import path from 'node:path';
import { COUNTRIES, LANGUAGES, PERSPECTIVES, TOPICS, type Lang } from '../engine/types';
import { analyze } from './analyze';
import { searchContent, type ContentSearch, type Match, type SearchQuery } from './content-search';
import { decide } from './understand-text';

/**
 * Topic accuracy of the search on a labelled set of phrasings (tests/understanding/eval-set.<lng>.jsonl):
 * a phrasing counts as a top-k hit when one of the first k matches covers one of its expected topics.
 */
export interface EvalItem extends Omit<SearchQuery, 'lang'> {
  topics: string[];
}

export interface EvalReport {
  lang: Lang;
  total: number;
  top1: number;
  top3: number;
  misses: { item: EvalItem; rank: number | null; got: Match[] }[];
}

export function loadEvalSet(dir: string, lang: Lang): EvalItem[] {
  const file = path.join(dir, `eval-set.${lang}.jsonl`);
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .map((l, i) => [l.trim(), i + 1] as const)
    .filter(([l]) => l && !l.startsWith('//'))
    .map(([l, n]) => {
      const item = JSON.parse(l) as EvalItem;
      const bad =
        typeof item.text !== 'string' ||
        !Array.isArray(item.topics) ||
        !item.topics.length ||
        item.topics.some((t) => !(TOPICS as readonly string[]).includes(t)) ||
        (item.perspective != null && !(PERSPECTIVES as readonly string[]).includes(item.perspective)) ||
        (item.country != null && !(COUNTRIES as readonly string[]).includes(item.country));
      if (bad)
        throw new Error(`${file}:${n}: needs text, topics from the catalogue, optional perspective/country`);
      return item;
    });
}

export function evaluate(search: ContentSearch, lang: Lang, items: EvalItem[]): EvalReport {
  const report: EvalReport = { lang, total: items.length, top1: 0, top3: 0, misses: [] };
  for (const item of items) {
    const got = searchContent(search, { ...item, lang }, 5);
    const rank = got.findIndex((m) => m.topics.some((t) => item.topics.includes(t)));
    if (rank === 0) report.top1++;
    if (rank >= 0 && rank < 3) report.top3++;
    if (rank !== 0) report.misses.push({ item, rank: rank < 0 ? null : rank + 1, got });
  }
  return report;
}

export const THRESHOLDS = { top1: 0.75, top3: 0.9 };

/** What the bot would do with each phrasing: jump (right or wrong), ask "did you mean", or find nothing. */
export interface DecisionReport {
  jumps: number;
  wrongJumps: string[];
  suggestions: number;
  /** "Did you mean" without a right option among the three. */
  wrongSuggestions: string[];
  nothing: string[];
  /** Off-topic phrasings (tests/understanding/off-topic.jsonl) that jumped somewhere. */
  offTopicJumps: string[];
  offTopicNothing: number;
  offTopicTotal: number;
}

export function loadOffTopic(dir: string, lang: Lang): string[] {
  return fs
    .readFileSync(path.join(dir, 'off-topic.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { lang: string; text: string })
    .filter((x) => x.lang === lang)
    .map((x) => x.text);
}

export function evaluateDecisions(
  search: ContentSearch,
  lang: Lang,
  items: EvalItem[],
  offTopic: string[],
): DecisionReport {
  const r: DecisionReport = {
    jumps: 0,
    wrongJumps: [],
    suggestions: 0,
    wrongSuggestions: [],
    nothing: [],
    offTopicJumps: [],
    offTopicNothing: 0,
    offTopicTotal: offTopic.length,
  };
  const words = (text: string) => new Set(analyze(lang, text)).size;
  const right = (m: Match, item: EvalItem) => m.topics.some((t) => item.topics.includes(t));
  for (const item of items) {
    const d = decide(searchContent(search, { ...item, lang }), words(item.text));
    if (d.kind === 'jump') {
      r.jumps++;
      if (!right(d.match, item)) r.wrongJumps.push(`${item.text} → ${d.match.tip ?? d.match.state}`);
    } else if (d.kind === 'suggest') {
      r.suggestions++;
      if (!d.options.some((m) => right(m, item))) r.wrongSuggestions.push(item.text);
    } else r.nothing.push(item.text);
  }
  for (const text of offTopic) {
    const d = decide(searchContent(search, { lang, text, perspective: 'employee' }), words(text));
    if (d.kind === 'jump') r.offTopicJumps.push(`${text} → ${d.match.tip ?? d.match.state}`);
    if (d.kind === 'none') r.offTopicNothing++;
  }
  return r;
}
export const EVAL_LANGUAGES = LANGUAGES;
