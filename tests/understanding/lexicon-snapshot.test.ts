import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildContent, snapshotPath } from '../../src/content/build-content';
import { lexiconHash } from '../../src/content/lexicon-hash';
import { LANGUAGES } from '../../src/engine/types';
import { searchContent } from '../../src/understanding/content-search';
import { loadEvalSet, loadOffTopic } from '../../src/understanding/evaluate';
import {
  fromSnapshot,
  matchingSnapshot,
  SNAPSHOT_FORMAT,
  toSnapshot,
  type LexiconSnapshot,
} from '../../src/understanding/lexicon-snapshot';
import { ROOT } from '../helpers/engine';
import { content } from './content';

/**
 * Start-up restores the analysed content from a snapshot written by `npm run build`. It must answer
 * exactly as the content analysed at start-up, and be used only when made from the same content and code.
 */
const live = () => {
  const { lexicon } = content();
  return { synonyms: lexicon.words.synonyms, search: lexicon.search! };
};

function snapshotJson(hash = 'h1'): string {
  return JSON.stringify(toSnapshot(live(), hash));
}

describe('lexicon snapshot', () => {
  it('restores the same synonyms, documents, phrases, vocabulary and index postings', () => {
    const restored = fromSnapshot(matchingSnapshot(snapshotJson(), 'h1')!);
    const original = live();
    expect(restored.search.docs).toEqual(original.search.docs);
    for (const lang of LANGUAGES) {
      expect(restored.synonyms[lang]).toEqual(original.synonyms[lang]);
      expect(restored.search.phrases[lang]).toEqual(original.search.phrases[lang]);
      expect(restored.search.vocabulary[lang]).toEqual(original.search.vocabulary[lang]);
      expect(restored.search.indexes[lang].toData()).toEqual(original.search.indexes[lang].toData());
    }
  });

  it('finds exactly what the analysed content finds, for every phrasing of the evaluation sets', () => {
    const restored = fromSnapshot(matchingSnapshot(snapshotJson(), 'h1')!).search;
    const original = live().search;
    const dir = path.join(ROOT, 'tests', 'understanding');
    let compared = 0;
    for (const lang of LANGUAGES) {
      const texts = [...loadEvalSet(dir, lang).map((i) => i.text), ...loadOffTopic(dir, lang)];
      for (const text of [...texts, 'arbiedsarts', 'chemo-brein', 'mi temps therapeutique']) {
        const q = { lang, text, perspective: null, country: null };
        expect(searchContent(restored, q)).toEqual(searchContent(original, q));
        compared += 1;
      }
    }
    expect(compared).toBeGreaterThan(120);
  });

  it('is refused when made from other content or code, or in another format', () => {
    const json = snapshotJson('h1');
    expect(matchingSnapshot(json, 'h2')).toBeNull();
    const older = { ...(JSON.parse(json) as LexiconSnapshot), format: SNAPSHOT_FORMAT + 1 };
    expect(matchingSnapshot(JSON.stringify(older), 'h1')).toBeNull();
    expect(matchingSnapshot('null', 'h1')).toBeNull();
  });
});

describe('buildContent and the snapshot', () => {
  let root: string;
  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'lexicon-root-'));
    for (const dir of ['flows', 'locales'])
      fs.cpSync(path.join(ROOT, dir), path.join(root, dir), { recursive: true });
    fs.mkdirSync(path.join(root, 'dist'));
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('the hash changes with the content', () => {
    const before = lexiconHash(root);
    expect(lexiconHash(root)).toBe(before);
    const file = path.join(root, 'locales', 'en', 'keywords.json');
    const original = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, `${original}\n`);
    try {
      expect(lexiconHash(root)).not.toBe(before);
    } finally {
      fs.writeFileSync(file, original);
    }
  });

  it('uses a snapshot made from this content and code, and analyses the content otherwise', () => {
    expect(buildContent(root).lexiconSource).toBe('analysed'); // no snapshot yet
    fs.writeFileSync(snapshotPath(root), snapshotJson(lexiconHash(root)));
    const fromSnapshot = buildContent(root);
    expect(fromSnapshot.lexiconSource).toBe('snapshot');
    expect(fromSnapshot.lexicon.search?.docs).toEqual(live().search.docs);
    expect(buildContent(root, { useSnapshot: false }).lexiconSource).toBe('analysed');

    fs.writeFileSync(snapshotPath(root), snapshotJson('made-from-something-else'));
    expect(buildContent(root).lexiconSource).toBe('analysed');
    fs.writeFileSync(snapshotPath(root), '{"format": 1, "hash": "trunc');
    expect(buildContent(root).lexiconSource).toBe('analysed');
  });
});
