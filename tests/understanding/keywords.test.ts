import path from 'node:path';
import { LANGUAGES } from '../../src/engine/types';
import { checkKeywords, loadKeywords, type Keywords } from '../../src/understanding/keywords';
import { ROOT } from '../helpers/engine';
import { content } from './content';

/** locales/<lng>/keywords.json: keywords per state id and tip id, checked like the rest of the content. */
const keywords = loadKeywords(path.join(ROOT, 'locales'));

describe('keywords.json', () => {
  it.each(LANGUAGES)('%s: exists and names many states and tips', (lng) => {
    expect(Object.keys(keywords[lng]).length).toBeGreaterThan(40);
  });

  it('every key is a real state id or tip id, and every value a list of words', () => {
    expect(checkKeywords(keywords, content().engine.index)).toEqual([]);
  });

  it('the check names the file, the key and the fix', () => {
    const bad: Keywords = {
      en: { 'employee.noSuchState': ['x'], 'employee.diagnosis': [''] },
      nl: { _comment: 'fine' } as unknown as Record<string, string[]>,
      fr: { 'no-such-tip': ['y'] },
    };
    const problems = checkKeywords(bad, content().engine.index);
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/locales\/en\/keywords\.json › "employee\.noSuchState": not a state id.*Fix/);
    expect(problems[1]).toMatch(/"employee\.diagnosis": must be a list of non-empty words/);
    expect(problems[2]).toMatch(/locales\/fr\/keywords\.json › "no-such-tip"/);
  });

  it('every language has keywords for "talk to someone" (distress, dismissal, conflict)', () => {
    for (const lng of LANGUAGES) expect(keywords[lng]['entry.talk']?.length).toBeGreaterThan(10);
  });

  it('is not an i18n namespace (its keys are ids, not messages)', () => {
    expect(Object.keys(content().resources.en)).not.toContain('keywords');
  });
});
