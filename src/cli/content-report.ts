/*
 * Prints the content coverage: tips per perspective × phase, and per country and language the tips a
 * user there sees; topics per perspective; the fact ids used.   npm run content:report
 */
import fs from 'node:fs';
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
import { loadLedger, staleTexts } from '../content/review-ledger';
import { weakFacts } from '../content/source-policy';

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

// --- Trust: what rests on weak sources, which pages are in another language, what is due for a new review.
const weak = weakFacts(bundle);
console.log(
  `\nFacts resting on news or commercial pages, with the reason no official page is cited (${weak.length}):`,
);
for (const w of weak)
  console.log(`  ${w.fact.padEnd(7)} ${w.publishers.join(', ')} — ${w.why || '(no reason given)'}`);

const noPage = Object.entries(bundle.facts).flatMap(([id, f]) =>
  Object.entries(f.noPageIn ?? {}).map(([lang, why]) => `  ${id.padEnd(7)} ${lang}: ${why}`),
);
console.log(
  `\nFacts whose publisher has no page in a reader's language, labelled with the page's language (${noPage.length}):`,
);
noPage.forEach((l) => console.log(l));

const bySource = { 'fact-sheet': 0, 'stored-copy': 0, live: 0 };
for (const f of Object.values(bundle.facts)) for (const s of f.sources) bySource[s.via]++;
console.log(
  `\nSources by how they were read: ${Object.entries(bySource)
    .map(([k, n]) => `${k} ${n}`)
    .join(
      ', ',
    )} (fact-sheet: taken over from the November 2026 sheet; re-read them on the live site before publishing).`,
);

const ledger = loadLedger(root);
const methods = new Map<string, number>();
for (const per of Object.values(ledger))
  for (const [lang, e] of Object.entries(per)) {
    const k = `${lang} · ${e.method}`;
    methods.set(k, (methods.get(k) ?? 0) + 1);
  }
console.log('\nTexts by language and last review method:');
for (const [k, n] of [...methods].sort()) console.log(`  ${String(n).padStart(4)}  ${k}`);
const stale = staleTexts(bundle, ledger);
console.log(`\nTexts reviewed before a fact they cite changed — read them again (${stale.length}):`);
for (const s of stale)
  console.log(`  ${s.key} (${s.lang}, reviewed ${s.reviewed}): ${s.fact} changed ${s.changed}`);

// The flows as diagrams (states, choices with their guards, tools as clusters), drawn by flows:diagram.
const diagramDir = path.join(root, 'docs', 'diagrams');
const drawn = fs.existsSync(diagramDir)
  ? fs
      .readdirSync(diagramDir)
      .filter((f) => f.endsWith('.svg'))
      .sort()
  : [];
console.log('\nFlow diagrams (npm run flows:diagram [-- --lang nl]; SVG and Mermaid per flow):');
if (drawn.length) for (const f of drawn) console.log(`  ${path.join('docs', 'diagrams', f)}`);
else console.log('  none drawn yet: run npm run flows:diagram');
