/*
 * Part of `npm run build`: analyses the content once and writes the result next to the compiled code
 * (dist/lexicon-snapshot.json), so start-up restores it instead of analysing all content in three
 * languages again (see src/understanding/lexicon-snapshot.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { buildContent, projectRoot, snapshotPath } from '../content/build-content';
import { lexiconHash } from '../content/lexicon-hash';
import { toSnapshot } from '../understanding/lexicon-snapshot';

const root = projectRoot();
const { lexicon } = buildContent(root, { useSnapshot: false });
if (!lexicon.search) throw new Error('the content search was not built');
const file = snapshotPath(root);
const json = JSON.stringify(
  toSnapshot({ synonyms: lexicon.words.synonyms, search: lexicon.search }, lexiconHash(root)),
);
fs.writeFileSync(file, json);
console.log(`lexicon snapshot: ${path.relative(root, file)}, ${Math.round(json.length / 1024)} KB`);
