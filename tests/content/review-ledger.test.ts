import { loadContent } from '../../src/content/load-content';
import {
  ledgerProblems,
  loadLedger,
  markReviewed,
  staleTexts,
  textUnits,
  type Ledger,
} from '../../src/content/review-ledger';
import { FLOWS_DIR, ROOT } from './content-helpers';

const bundle = loadContent(FLOWS_DIR);

describe('review ledger (flows/reviews/ledger.yaml)', () => {
  it('every tip and flow text has, per language, the date of its last review and the method', () => {
    expect(textUnits(bundle).size).toBeGreaterThan(500);
    expect(ledgerProblems(bundle, loadLedger(ROOT), ROOT)).toEqual([]);
  });

  it('a text without a review is named, with the fix', () => {
    const ledger: Ledger = structuredClone(loadLedger(ROOT));
    delete ledger['tips:emp-diag-colleagues'];
    expect(ledgerProblems(bundle, ledger, ROOT)).toEqual(
      expect.arrayContaining([expect.stringMatching(/tips:emp-diag-colleagues › en: no review date/)]),
    );
  });

  it('a fact that changed after a text citing it was reviewed flags that text, and only it', () => {
    const tip = bundle.tips.find((t) => t.facts.length > 0)!;
    const fact = tip.facts[0]!;
    const ledger: Ledger = {};
    markReviewed(bundle, ledger, {
      keys: [],
      langs: ['en', 'nl', 'fr'],
      entry: { date: '2026-01-01', method: 'test' },
    });
    // Only this fact changed (others may carry their own dates in the real content).
    const unchanged = Object.fromEntries(
      Object.entries(bundle.facts).map(([id, f]) => [id, { ...f, changed: undefined }]),
    );
    const changed = {
      ...bundle,
      facts: { ...unchanged, [fact]: { ...bundle.facts[fact]!, changed: '2026-06-01' } },
    };
    const stale = staleTexts(changed, ledger);
    expect(stale).toEqual(
      expect.arrayContaining([
        { key: `tips:${tip.id}`, lang: 'fr', reviewed: '2026-01-01', fact, changed: '2026-06-01' },
      ]),
    );
    expect(stale.every((s) => s.fact === fact)).toBe(true);
    markReviewed(bundle, ledger, {
      keys: [`tips:${tip.id}`],
      langs: ['fr'],
      entry: { date: '2026-07-01', method: 'test' },
    });
    expect(staleTexts(changed, ledger).some((s) => s.key === `tips:${tip.id}` && s.lang === 'fr')).toBe(
      false,
    );
  });
});
