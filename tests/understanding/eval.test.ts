import path from 'node:path';
import { LANGUAGES, PERSPECTIVES, TOPICS } from '../../src/engine/types';
import {
  evaluate,
  evaluateDecisions,
  loadEvalSet,
  loadOffTopic,
  THRESHOLDS,
} from '../../src/understanding/evaluate';
import { ROOT } from '../helpers/engine';
import { content } from './content';

/**
 * Measured, not assumed: topic accuracy of the search on tests/understanding/eval-set.<lng>.jsonl
 * (phrasings written from the users' side, labelled with catalogue topics). `npm run eval:understanding`
 * prints the figures and the misses.
 */
const dir = path.join(ROOT, 'tests', 'understanding');

describe.each(LANGUAGES)('evaluation set %s', (lng) => {
  const items = loadEvalSet(dir, lng);

  it('has at least 40 phrasings, from all four perspectives, labelled with catalogue topics', () => {
    expect(items.length).toBeGreaterThanOrEqual(40);
    for (const p of PERSPECTIVES)
      expect(items.filter((i) => i.perspective === p).length).toBeGreaterThanOrEqual(5);
    for (const i of items) for (const t of i.topics) expect(TOPICS).toContain(t);
    expect(new Set(items.map((i) => i.text)).size).toBe(items.length);
  });

  it(`reaches top-1 ≥ ${THRESHOLDS.top1} and top-3 ≥ ${THRESHOLDS.top3} topic accuracy`, () => {
    const r = evaluate(content().lexicon.search!, lng, items);
    const misses = r.misses.map((m) => `${m.item.text} → ${m.got[0]?.tip ?? m.got[0]?.state ?? 'nothing'}`);
    expect({ top1: r.top1 / r.total >= THRESHOLDS.top1, misses }).toMatchObject({ top1: true });
    expect(r.top3 / r.total).toBeGreaterThanOrEqual(THRESHOLDS.top3);
  });

  it('acts on what it is sure of: jumps are right at least 9 times in 10, off-topic text never jumps', () => {
    const d = evaluateDecisions(content().lexicon.search!, lng, items, loadOffTopic(dir, lng));
    expect(d.jumps).toBeGreaterThan(items.length / 3);
    expect(d.wrongJumps.length / d.jumps).toBeLessThanOrEqual(0.1);
    expect(d.offTopicJumps).toEqual([]);
    expect(d.offTopicNothing).toBeGreaterThan(d.offTopicTotal / 3);
  });
});
