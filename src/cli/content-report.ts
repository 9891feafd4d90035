/*
 * Prints the content coverage: tips per perspective × phase, and per country and language the tips a
 * user there sees; topics per perspective; the fact ids used.   npm run content:report
 */
import path from 'node:path';
import { projectRoot } from '../content/build-content';
import {
  ALL,
  factsUsed,
  tipsPerCell,
  topicCoveredIn,
  topicsPerPerspective,
  visibleTips,
} from '../content/coverage';
import { loadContent } from '../content/load-content';
import { loadLocales } from '../content/locales';
import { TOPICS } from '../engine/types';

const root = projectRoot();
const bundle = loadContent(path.join(root, 'flows'));
const resources = loadLocales(path.join(root, 'locales'));

const cols = ALL.COUNTRIES.flatMap((c) => ALL.LANGUAGES.map((l) => `${c}-${l}`));
console.log('Tips per perspective × phase (all / seen per country-language)\n');
console.log(['perspective', 'phase', 'tips', ...cols].map((h) => h.padEnd(13)).join(''));
const cells = tipsPerCell(bundle);
for (const p of ALL.PERSPECTIVES)
  for (const ph of ALL.PHASES) {
    const row = [p, ph, String(cells.get(`${p}/${ph}`) ?? 0)];
    for (const c of ALL.COUNTRIES)
      for (const l of ALL.LANGUAGES) row.push(String(visibleTips(bundle, resources, p, ph, c, l)));
    console.log(row.map((v) => v.padEnd(13)).join(''));
  }

console.log('\nTopics per perspective (states)\n');
for (const [p, topics] of topicsPerPerspective(bundle))
  console.log(`${p.padEnd(10)} ${[...topics].sort().join(', ')}`);
const uncovered = TOPICS.filter((t) => ![...topicsPerPerspective(bundle).values()].some((s) => s.has(t)));
console.log(`uncovered topics: ${uncovered.length ? uncovered.join(', ') : 'none'}`);

console.log('\nSourced country content per topic (✓ = a state or tip with that country’s facts)\n');
console.log(['topic', ...ALL.COUNTRIES].map((h, i) => h.padEnd(i ? 5 : 26)).join(''));
for (const t of TOPICS)
  console.log(
    [t, ...ALL.COUNTRIES.map((c) => (topicCoveredIn(bundle, t, c) ? '✓' : '·'))]
      .map((h, i) => h.padEnd(i ? 5 : 26))
      .join(''),
  );

const facts = factsUsed(bundle);
console.log(`\nFact ids used (${facts.size}):\n${[...facts].map(([f, n]) => `${f}×${n}`).join('  ')}`);
