import path from 'node:path';
import type { i18n } from 'i18next';
import { indexContent } from '../engine/content-bundle';
import { createEngine, type Engine } from '../engine/step';
import { validateContent } from '../engine/validate-flows';
import { createI18n } from './i18n';
import { ContentError, loadContent } from './load-content';
import { keyChecker, loadLocales, type Resources } from './locales';
import { buildLexicon, type CommandLexicon } from '../understanding/understand-text';
import type { CommandName, Lang } from '../engine/types';

export interface AppContent {
  engine: Engine;
  i18n: i18n;
  resources: Resources;
  lexicon: CommandLexicon;
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
  const problems = validateContent(indexContent(bundle), keyChecker(resources));
  if (problems.length) throw new ContentError(problems);
  const words = Object.fromEntries(
    Object.entries(resources).map(([lng, ns]) => [
      lng,
      (ns.commands ?? {}) as Partial<Record<CommandName, string[]>>,
    ]),
  ) as Record<Lang, Partial<Record<CommandName, string[]>>>;
  return {
    engine: createEngine(bundle),
    i18n: createI18n(resources),
    resources,
    lexicon: buildLexicon(words),
  };
}
