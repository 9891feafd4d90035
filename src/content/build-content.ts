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
import type { CommandName, Lang } from '../engine/types';

export interface AppContent {
  engine: Engine;
  i18n: i18n;
  resources: Resources;
  /** Command words, choice synonyms and the content search (built once, here). */
  lexicon: Lexicon;
}

/** The project root: two levels above this file in src/ and in dist/src/. */
export function projectRoot(): string {
  const up = path.resolve(__dirname, '..', '..');
  return path.basename(up) === 'dist' ? path.dirname(up) : up;
}

/** Loads flows and locales, validates them in layers (schema, graph, keys) and compiles the machine. */
export function buildContent(root = projectRoot()): AppContent {
  const bundle = loadContent(path.join(root, 'flows'));
  const resources = loadLocales(path.join(root, 'locales'));
  const index = indexContent(bundle);
  const keywords = loadKeywords(path.join(root, 'locales'));
  const problems = [...validateContent(index, keyChecker(resources)), ...checkKeywords(keywords, index)];
  if (problems.length) throw new ContentError(problems);
  const words = Object.fromEntries(
    Object.entries(resources).map(([lng, ns]) => [
      lng,
      (ns.commands ?? {}) as Partial<Record<CommandName, string[]>>,
    ]),
  ) as Record<Lang, Partial<Record<CommandName, string[]>>>;
  const engine = createEngine(bundle);
  return {
    engine,
    i18n: createI18n(resources),
    resources,
    lexicon: buildLexicon(words, { index: engine.index, jumps: engine.jumps, texts: resources, keywords }),
  };
}
