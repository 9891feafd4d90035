/* Validates flows, locales and the facts' source policy; prints every problem with file, fact or state and fix. */
import { buildContent } from '../content/build-content';
import { ContentError, loadContent } from '../content/load-content';
import { checkSourcePolicy } from '../content/source-policy';
import { ledgerProblems, loadLedger } from '../content/review-ledger';
import path from 'node:path';
import { projectRoot } from '../content/build-content';

try {
  const { engine } = buildContent();
  const bundle = loadContent(path.join(projectRoot(), 'flows'));
  const policy = checkSourcePolicy(bundle).map((p) => `source policy: ${p}`);
  const reviews = ledgerProblems(bundle, loadLedger(projectRoot()), projectRoot()).map(
    (p) => `reviews: ${p}`,
  );
  if (policy.length || reviews.length) throw new ContentError([...policy, ...reviews]);
  const sources = Object.values(bundle.facts).reduce((n, f) => n + f.sources.length, 0);
  console.log(
    `Content OK: ${engine.index.flows.size} flows, ${engine.index.states.size} states, ${engine.index.tips.size} tips (${engine.index.version}); ${Object.keys(bundle.facts).length} facts, ${sources} sources, ${Object.keys(bundle.publishers).length} publishers: source policy met; every text has a review date.`,
  );
} catch (e) {
  if (e instanceof ContentError) {
    console.error(e.message);
    process.exit(1);
  }
  throw e;
}
