import { buildContent, type AppContent } from '../../src/content/build-content';
import { ROOT } from '../helpers/engine';

let cached: AppContent | undefined;
/** The real content, built once per test file: engine, i18n, and the understanding lexicon. */
export function content(): AppContent {
  cached ??= buildContent(ROOT);
  return cached;
}
