import { checkRoles, loadRoles } from '../understanding/roles';
import fs from 'node:fs';
import path from 'node:path';
import type { i18n } from 'i18next';
import { indexContent } from '../engine/content-bundle';
import { createEngine, type Engine } from '../engine/step';
import { validateContent } from '../engine/validate-flows';
import { createI18n } from './i18n';
import { ContentError, loadContent } from './load-content';
import { keyChecker, loadLocales, type Resources } from './locales';
import { checkKeywords, loadKeywords } from '../understanding/keywords';
import { buildLexicon, type Lexicon } from '../understanding/understand-text';
import { fromSnapshot, matchingSnapshot, type AnalysedContent } from '../understanding/lexicon-snapshot';
import { lexiconHash } from './lexicon-hash';
import type { CommandName, Lang } from '../engine/types';

export interface AppContent {
  engine: Engine;
  i18n: i18n;
  resources: Resources;
  /** Command words, choice synonyms and the content search (built once, here). */
  lexicon: Lexicon;
  /** Whether the analysed content came from the build's snapshot or was analysed at start-up. */
  lexiconSource: 'snapshot' | 'analysed';
}

export interface BuildContentOptions {
  /** Restore the analysed content from the build's snapshot when it matches (default true). */
  useSnapshot?: boolean;
}

/** Where `npm run build` writes the analysed content (src/cli/write-lexicon-snapshot.ts). */
export const snapshotPath = (root: string): string => path.join(root, 'dist', 'lexicon-snapshot.json');

/** The analysed content of the snapshot, if there is one made from this content and code. */
function restoreAnalysed(root: string): AnalysedContent | undefined {
  const file = snapshotPath(root);
  if (!fs.existsSync(file)) return undefined;
  try {
    const snapshot = matchingSnapshot(fs.readFileSync(file, 'utf8'), lexiconHash(root));
    return snapshot ? fromSnapshot(snapshot) : undefined;
  } catch {
    return undefined; // unreadable or damaged: analysed at start-up instead
  }
}

/** The project root: two levels above this file in src/ and in dist/src/. */
export function projectRoot(): string {
  const up = path.resolve(__dirname, '..', '..');
  return path.basename(up) === 'dist' ? path.dirname(up) : up;
}

/** Loads flows and locales, validates them in layers (schema, graph, keys) and compiles the machine. */
export function buildContent(root = projectRoot(), o: BuildContentOptions = {}): AppContent {
  const bundle = loadContent(path.join(root, 'flows'));
  const resources = loadLocales(path.join(root, 'locales'));
  const index = indexContent(bundle);
  const keywords = loadKeywords(path.join(root, 'locales'));
  const problems = [
    ...validateContent(index, keyChecker(resources)),
    ...checkKeywords(keywords, index),
    ...checkRoles(path.join(root, 'locales')),
  ];
  if (problems.length) throw new ContentError(problems);
  const words = Object.fromEntries(
    Object.entries(resources).map(([lng, ns]) => [
      lng,
      (ns.commands ?? {}) as Partial<Record<CommandName, string[]>>,
    ]),
  ) as Record<Lang, Partial<Record<CommandName, string[]>>>;
  const engine = createEngine(bundle);
  const analysed = o.useSnapshot === false ? undefined : restoreAnalysed(root);
  const lexiconContent = { index: engine.index, jumps: engine.jumps, texts: resources, keywords };
  return {
    engine,
    i18n: createI18n(resources),
    resources,
    lexicon: buildLexicon(words, lexiconContent, analysed, loadRoles(path.join(root, 'locales'))),
    lexiconSource: analysed ? 'snapshot' : 'analysed',
  };
}
