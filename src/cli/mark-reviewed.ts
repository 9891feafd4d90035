/*
 * npm run content:reviewed -- --method "native review fr-BE" [--record 2026-12-04-fr-BE.md] [--lang fr]
 *   [--date 2026-12-04] [--only-missing] [key or prefix …]
 * Records in flows/reviews/ledger.yaml that these texts (all, or those under the given keys, e.g. tips:emp-
 * or employee:boss) were reviewed, in the given languages (default all three).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { projectRoot } from '../content/build-content';
import { loadContent } from '../content/load-content';
import { loadLedger, markReviewed, writeLedger } from '../content/review-ledger';
import { LANGUAGES, type Lang } from '../engine/types';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    method: { type: 'string' },
    record: { type: 'string' },
    lang: { type: 'string', multiple: true },
    date: { type: 'string' },
    'only-missing': { type: 'boolean', default: false },
  },
});
if (!values.method) {
  console.error('content:reviewed: --method is required (how the texts were reviewed).');
  process.exit(2);
}
const langs = (values.lang ?? [...LANGUAGES]) as Lang[];
if (langs.some((l) => !(LANGUAGES as readonly string[]).includes(l))) {
  console.error(`content:reviewed: --lang must be one of ${LANGUAGES.join(', ')}.`);
  process.exit(2);
}
const root = projectRoot();
const bundle = loadContent(path.join(root, 'flows'));
const ledger = loadLedger(root);
const date = values.date ?? new Date().toISOString().slice(0, 10);
const n = markReviewed(bundle, ledger, {
  keys: positionals,
  langs,
  entry: { date, method: values.method, ...(values.record ? { record: values.record } : {}) },
  onlyMissing: values['only-missing'],
});
writeLedger(root, ledger);
console.log(`${n} text×language reviews recorded (${date}, ${values.method}).`);
