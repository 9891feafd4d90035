import type { ContentBundle } from '../engine/content-bundle';
import {
  COUNTRIES,
  LANGUAGES,
  PERSPECTIVES,
  PHASES,
  type Country,
  type Lang,
  type Perspective,
  type Phase,
  type Topic,
} from '../engine/types';
import { flattenKeys, type Resources } from './locales';

/** Coverage of the content, computed from the data: used by `npm run content:report` and the tests. */

export function tipsPerCell(bundle: ContentBundle): Map<string, number> {
  const cells = new Map<string, number>();
  for (const p of PERSPECTIVES) for (const ph of PHASES) cells.set(`${p}/${ph}`, 0);
  for (const tip of bundle.tips)
    cells.set(`${tip.perspective}/${tip.phase}`, (cells.get(`${tip.perspective}/${tip.phase}`) ?? 0) + 1);
  return cells;
}

/** Tips of a cell that a user in `country` sees, with words in `lang`. */
export function visibleTips(
  bundle: ContentBundle,
  resources: Resources,
  p: Perspective,
  ph: Phase,
  country: Country,
  lang: Lang,
): number {
  const keys = flattenKeys(resources, lang);
  return bundle.tips.filter(
    (t) =>
      t.perspective === p &&
      t.phase === ph &&
      t.countries.includes(country) &&
      keys.has(`tips:${t.id}.title`) &&
      (keys.has(`tips:${t.id}.body_${country}`) || keys.has(`tips:${t.id}.body`)),
  ).length;
}

/** Topics covered by states (and tips) per perspective. */
export function topicsPerPerspective(bundle: ContentBundle): Map<string, Set<Topic>> {
  const out = new Map<string, Set<Topic>>();
  for (const { flow } of bundle.flows) {
    const key = flow.perspective ?? flow.id;
    const set = out.get(key) ?? new Set<Topic>();
    for (const s of Object.values(flow.states)) for (const t of s.topics) set.add(t);
    out.set(key, set);
  }
  return out;
}

/** Whether a topic has country-specific, sourced content for a country (a state's or a tip's facts). */
export function topicCoveredIn(bundle: ContentBundle, topic: Topic, country: Country): boolean {
  const prefix = `${country}-`;
  for (const { flow } of bundle.flows)
    for (const s of Object.values(flow.states))
      if (s.topics.includes(topic) && (s.facts[country] ?? []).length) return true;
  return bundle.tips.some(
    (t) =>
      t.topics.includes(topic) && t.countries.includes(country) && t.facts.some((f) => f.startsWith(prefix)),
  );
}

/** Every fact id cited, with how often. */
export function factsUsed(bundle: ContentBundle): Map<string, number> {
  const used = new Map<string, number>();
  const add = (f: string) => used.set(f, (used.get(f) ?? 0) + 1);
  for (const { flow } of bundle.flows)
    for (const s of Object.values(flow.states))
      for (const list of Object.values(s.facts)) (list ?? []).forEach(add);
  for (const t of bundle.tips) t.facts.forEach(add);
  return new Map([...used].sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true })));
}

export const ALL = { COUNTRIES, LANGUAGES, PERSPECTIVES, PHASES };
