import { analyze, fold, tokens } from '../../src/understanding/analyze';
import { editDistance, sameWord } from '../../src/understanding/edit-distance';

describe('text processing per language', () => {
  it('folds accents and case', () => {
    expect(fold('Thérapeutique ÉTÉ Ça')).toBe('therapeutique ete ca');
    expect(analyze('fr', 'THÉRAPEUTIQUE')).toEqual(analyze('fr', 'therapeutique'));
    expect(analyze('nl', 'België')).toEqual(analyze('nl', 'belgie'));
  });

  it('stems with the language’s Snowball stemmer, so word forms meet', () => {
    expect(analyze('en', 'dismissal')).toEqual(analyze('en', 'dismissed'));
    expect(analyze('en', 'adjustments')).toEqual(analyze('en', 'adjustment'));
    expect(analyze('fr', 'licenciement')).toEqual(analyze('fr', 'licencier'));
    expect(analyze('fr', 'salariée')).toEqual(analyze('fr', 'salariés'));
    expect(analyze('nl', 'vermoeidheid')).toEqual(analyze('nl', 'vermoeid'));
  });

  it('brings Dutch verb forms and French -ailler stems together', () => {
    const pairs: [string, string][] = [
      ['zegt', 'zeggen'],
      ['werkt', 'werken'],
      ['betaalt', 'betalen'],
      ['vertelt', 'vertellen'],
    ];
    for (const [a, b] of pairs) expect(analyze('nl', a)).toEqual(analyze('nl', b));
    expect(analyze('fr', 'travailler')).toEqual(analyze('fr', 'travail'));
  });

  it('treats common spelling variants as one', () => {
    expect(analyze('en', 'organize')).toEqual(analyze('en', 'organise'));
    expect(analyze('en', 'labor')).toEqual(analyze('en', 'labour'));
    expect(analyze('nl', 'collegas')).toEqual(analyze('nl', "collega's"));
    // A hyphenated word also counts as one word: re-integratie ⇄ reintegratie, mi-temps ⇄ mitemps.
    expect(analyze('nl', 're-integratie')).toEqual(expect.arrayContaining(analyze('nl', 'reintegratie')));
    expect(analyze('fr', 'mi-temps')).toEqual(expect.arrayContaining(analyze('fr', 'mitemps')));
    expect(analyze('fr', 'œuvre')).toEqual(analyze('fr', 'oeuvre'));
  });

  it('splits elisions and drops function words', () => {
    expect(tokens("l'équipe qu'il")).toEqual(['équipe', 'qu', 'il']);
    expect(analyze('fr', "qu'est-ce que je dis à l'équipe")).toEqual(analyze('fr', 'dis équipe'));
    expect(analyze('en', 'what should I do about it')).toEqual([]);
    expect(analyze('nl', 'wat moet ik ermee')).toEqual(analyze('nl', 'ermee'));
  });

  it('measures small typos (with swaps) and stops early', () => {
    expect(editDistance('chemo', 'cheom', 2)).toBe(1);
    expect(editDistance('kitten', 'sitting', 5)).toBe(3);
    expect(editDistance('abcdef', 'uvwxyz', 1)).toBe(2);
    expect(sameWord('colleagu', 'colleagu')).toBe(true);
    expect(sameWord('concentr', 'concnetr')).toBe(true);
    expect(sameWord('belgium', 'belgum')).toBe(true);
    // Short words must be exact: sick is not sack, work is not word.
    expect(sameWord('sick', 'sack')).toBe(false);
    expect(sameWord('work', 'word')).toBe(false);
  });
});
