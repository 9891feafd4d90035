import type { Audience, Fact, FactSource, Publishers } from './flow-schema';
import type { Lang, Perspective } from './types';

/**
 * The pages that fit a perspective's readers: never an employers' page for employees, nor the reverse.
 * Health professionals and coaches may be shown pages for anyone.
 */
export function audiencesFor(perspective: Perspective | null | undefined): readonly Audience[] | undefined {
  if (perspective === 'employee') return ['everyone', 'employees', 'professionals'];
  if (perspective === 'employer') return ['everyone', 'employers', 'professionals'];
  return undefined;
}

/** The sources of one fact that fit the reader: the right audience, and in the reader's language where any is. */
export function pickSources(
  fact: Fact,
  lang: Lang,
  perspective: Perspective | null | undefined,
): FactSource[] {
  const audiences = audiencesFor(perspective);
  const fitting = audiences ? fact.sources.filter((s) => audiences.includes(s.audience)) : fact.sources;
  const candidates = fitting.length ? fitting : fact.sources;
  const inLang = candidates.filter((s) => s.lang === lang);
  return inLang.length ? inLang : candidates;
}

/** The publisher's name as the page itself gives it (Stichting tegen Kanker / Fondation contre le Cancer). */
export function publisherName(publishers: Publishers, source: FactSource): string {
  const p = publishers[source.publisher];
  if (!p) return source.publisher;
  return p.name[source.lang] ?? Object.values(p.name)[0] ?? source.publisher;
}
