import { indexContent } from '../../src/engine/content-bundle';
import { loadContent } from '../../src/content/load-content';
import { COUNTRIES } from '../../src/engine/types';
import { FLOWS_DIR } from './content-helpers';

/** Fewer, better tips per screen: what a reader of each country sees at once stays short. */
const bundle = loadContent(FLOWS_DIR);
const index = indexContent(bundle);
const MAX_TIPS = 4;

describe('screens stay short', () => {
  it(`no state shows more than ${MAX_TIPS} tips to a reader of any country`, () => {
    const problems: string[] = [];
    for (const e of index.states.values())
      for (const c of COUNTRIES) {
        const shown = e.def.tips.filter((t) => index.tips.get(t)?.countries.includes(c));
        if (shown.length > MAX_TIPS) problems.push(`${e.file} › ${e.name} (${c}): ${shown.length} tips`);
      }
    expect(problems).toEqual([]);
  });

  it('every tip is still shown on some screen', () => {
    const listed = new Set([...index.states.values()].flatMap((e) => e.def.tips));
    expect(bundle.tips.filter((t) => !listed.has(t.id)).map((t) => t.id)).toEqual([]);
  });
});
