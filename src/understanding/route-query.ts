import {
  COUNTRIES,
  LANGUAGES,
  PERSPECTIVES,
  type Country,
  type Lang,
  type Perspective,
} from '../engine/types';
import { searchContent, type ContentSearch, type SearchQuery } from './content-search';

/**
 * The scripted form of routing (`npm run route`): a query from loose JSON or command-line values, and
 * the result as `{ matches: [{ state, tip?, topics, score }] }`, best first, at most five.
 */
const oneOf = <T extends string>(list: readonly T[], v: unknown): v is T =>
  typeof v === 'string' && (list as readonly string[]).includes(v);

/** A query, or the reason the input is not one. Defaults: lang en, no perspective, no country. */
export function parseRouteQuery(raw: Record<string, unknown>): SearchQuery | string {
  const lang = raw.lang ?? 'en';
  const country = typeof raw.country === 'string' ? raw.country.toUpperCase() : raw.country;
  if (!oneOf(LANGUAGES, lang)) return `lang must be one of ${LANGUAGES.join(', ')}`;
  if (typeof raw.text !== 'string') return 'text must be a string';
  if (raw.perspective != null && !oneOf(PERSPECTIVES, raw.perspective))
    return `perspective must be one of ${PERSPECTIVES.join(', ')}`;
  if (country != null && !oneOf(COUNTRIES, country)) return `country must be one of ${COUNTRIES.join(', ')}`;
  return {
    lang: lang as Lang,
    text: raw.text,
    perspective: (raw.perspective as Perspective | undefined) ?? null,
    country: (country as Country | undefined) ?? null,
  };
}

export interface RouteResult {
  matches: { state: string; tip?: string; topics: string[]; score: number }[];
}

export function routeResult(search: ContentSearch, q: SearchQuery): RouteResult {
  return {
    matches: searchContent(search, q, 5).map((m) => ({
      state: m.state,
      ...(m.tip ? { tip: m.tip } : {}),
      topics: m.topics,
      score: m.score,
    })),
  };
}

/** One line of `--jsonl` input → one line of output (an error object for a line that is not a query). */
export function routeLine(search: ContentSearch, line: string): RouteResult | { error: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return { error: 'not valid JSON' };
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { error: 'not a JSON object' };
  const q = parseRouteQuery(raw as Record<string, unknown>);
  return typeof q === 'string' ? { error: q } : routeResult(search, q);
}
