import fs from 'node:fs';
import path from 'node:path';
import type { ContentIndex } from '../engine/content-bundle';
import { LANGUAGES, type Lang } from '../engine/types';

/**
 * Keywords and synonyms per state id (`employee.diagnosis`) and per tip id (`emp-diag-take-time`),
 * written natively per language in locales/<lng>/keywords.json: the words people use for a topic,
 * so content authors improve matching without touching code. A key `_comment` is allowed.
 * A keyword written with a leading "!" is a signal: typed, it leads there before anything else that
 * matches (distress or dismissal → "talk to someone").
 */
export type Keywords = Record<Lang, Record<string, string[]>>;

export function loadKeywords(localesDir: string): Keywords {
  const out = {} as Keywords;
  for (const lng of LANGUAGES) {
    const file = path.join(localesDir, lng, 'keywords.json');
    out[lng] = fs.existsSync(file)
      ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string[]>)
      : {};
  }
  return out;
}

/** Every problem of the keyword files, naming the file, the key and the fix. */
export function checkKeywords(keywords: Keywords, index: ContentIndex): string[] {
  const problems: string[] = [];
  for (const lng of LANGUAGES) {
    const file = `locales/${lng}/keywords.json`;
    for (const [key, words] of Object.entries(keywords[lng] ?? {})) {
      if (key === '_comment') continue;
      if (!index.states.has(key) && !index.tips.has(key))
        problems.push(
          `${file} › "${key}": not a state id (flow.state, e.g. employee.diagnosis) or a tip id. Fix: use an existing id, or remove it.`,
        );
      if (!Array.isArray(words) || !words.every((w) => typeof w === 'string' && w.trim() !== ''))
        problems.push(`${file} › "${key}": must be a list of non-empty words or phrases.`);
    }
  }
  return problems;
}
