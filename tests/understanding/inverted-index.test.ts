import { InvertedIndex } from '../../src/understanding/inverted-index';

/** The small BM25+ index under the content search, on hand-made documents. */
const index = new InvertedIndex(
  ['title', 'body'],
  [
    { title: ['terugkeerplan'], body: ['werk', 'werk', 'plan'] },
    { title: ['uitker'], body: ['ziekt', 'werk'] },
    { title: ['concentratie'], body: ['geheugen'] },
    { title: ['chemo+brain'], body: ['chemo', 'brain'] },
  ],
  { title: 0 },
);
const q = (term: string, origin = 0, weight = 1) => ({ term, origins: 1 << origin, weight });

describe('inverted index', () => {
  it('scores by field boost and rarity, and tells which typed words matched where', () => {
    const hits = index.search([q('werk'), q('uitker', 1)], [3, 1], 0b01);
    const best = [...hits].sort((a, b) => b.score - a.score)[0]!;
    expect(best.doc).toBe(1);
    expect(best.matched).toBe(0b11);
    expect(best.strong).toBe(0b10);
    expect(best.fields).toBe(0b11);
    expect(index.search([q('werk')], [0, 0], 0)).toEqual([]);
  });

  it('finds longer words a typed word begins, near words for typos, and parts of compounds', () => {
    expect(index.extensions('terugkeer')).toEqual(['terugkeerplan']);
    expect(index.nearTerms('concetratie')).toEqual([{ term: 'concentratie', distance: 1 }]);
    expect(index.nearTerms('werk')).toEqual([]);
    expect(index.parts('concentratieproblem')).toEqual(['concentratie']);
    expect(index.parts('ziekteuitker')).toEqual(['uitker']);
  });

  it('never offers a phrase term ("a+b") as a prefix, typo or part', () => {
    expect(index.extensions('chemo')).toEqual([]);
    expect(index.nearTerms('chemo+brian')).toEqual([]);
  });
});
