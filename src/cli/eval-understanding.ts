/*
 * Topic accuracy of typed-text understanding on the labelled evaluation set, per language.
 *   npm run eval:understanding [-- --lang nl] [-- --quiet]
 * Prints top-1 and top-3 accuracy and every phrasing whose first match missed, and what the bot would
 * do (jump, "did you mean", nothing found), also for off-topic text. Exit 1 below the bar.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildContent, projectRoot } from '../content/build-content';
import { LANGUAGES, type Lang } from '../engine/types';
import {
  evaluate,
  evaluateDecisions,
  loadEvalSet,
  loadOffTopic,
  THRESHOLDS,
} from '../understanding/evaluate';

const { values } = parseArgs({
  options: { lang: { type: 'string' }, quiet: { type: 'boolean', default: false } },
});
const langs = values.lang ? [values.lang as Lang] : [...LANGUAGES];
if (!langs.every((l) => (LANGUAGES as readonly string[]).includes(l))) {
  console.error(`--lang must be one of ${LANGUAGES.join(', ')}`);
  process.exit(2);
}

const { lexicon } = buildContent();
const search = lexicon.search!;
const dir = path.join(projectRoot(), 'tests', 'understanding');
const pct = (n: number, d: number) => `${((100 * n) / d).toFixed(1)}%`;
let ok = true;
const summary: string[] = [];
for (const lang of langs) {
  const items = loadEvalSet(dir, lang);
  const r = evaluate(search, lang, items);
  const d = evaluateDecisions(search, lang, items, loadOffTopic(dir, lang));
  const top1 = r.top1 / r.total;
  const top3 = r.top3 / r.total;
  ok &&= top1 >= THRESHOLDS.top1 && top3 >= THRESHOLDS.top3;
  summary.push(
    `${lang}: ${r.total} phrasings  top-1 ${pct(r.top1, r.total)}  top-3 ${pct(r.top3, r.total)}  |  ` +
      `jumps ${d.jumps} (${d.wrongJumps.length} wrong), did-you-mean ${d.suggestions} ` +
      `(${d.wrongSuggestions.length} without a right option), nothing found ${d.nothing.length}  |  ` +
      `off-topic: ${d.offTopicNothing}/${d.offTopicTotal} nothing found, ${d.offTopicJumps.length} jumped`,
  );
  if (values.quiet) continue;
  for (const [title, list] of [
    ['wrong jumps', d.wrongJumps],
    ['"did you mean" without a right option', d.wrongSuggestions],
    ['nothing found', d.nothing],
    ['off-topic jumps', d.offTopicJumps],
  ] as const)
    if (list.length) console.log(`\n== ${lang}: ${title}\n${list.map((x) => `- ${x}`).join('\n')}`);
  console.log(`\n== ${lang}: misses at top-1 (${r.misses.length})`);
  for (const m of r.misses) {
    const who = [m.item.perspective, m.item.country].filter(Boolean).join('/') || 'anyone';
    console.log(
      `- "${m.item.text}" (${who}) expected [${m.item.topics.join(', ')}], hit at ${m.rank ?? 'none'}`,
    );
    for (const g of m.got.slice(0, 3))
      console.log(`    ${g.score.toFixed(3)} ${g.tip ? `tip ${g.tip}` : g.state} [${g.topics.join(', ')}]`);
  }
}
console.log(`\n${summary.join('\n')}`);
console.log(
  `bar: top-1 ≥ ${pct(THRESHOLDS.top1, 1)}, top-3 ≥ ${pct(THRESHOLDS.top3, 1)} → ${ok ? 'OK' : 'BELOW'}`,
);
process.exit(ok ? 0 : 1);
