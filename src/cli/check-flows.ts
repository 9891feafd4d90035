/* Validates flows and locales and prints every problem with file, state and fix. Exit 1 on problems. */
import { buildContent } from '../content/build-content';
import { ContentError } from '../content/load-content';

try {
  const { engine } = buildContent();
  console.log(
    `Content OK: ${engine.index.flows.size} flows, ${engine.index.states.size} states, ${engine.index.tips.size} tips (${engine.index.version}).`,
  );
} catch (e) {
  if (e instanceof ContentError) {
    console.error(e.message);
    process.exit(1);
  }
  throw e;
}
