import { parseRouteQuery, routeLine, routeResult } from '../../src/understanding/route-query';
import { content } from './content';

/** The scripted interface behind `npm run route` (src/cli/route.ts is its command-line shell). */
const search = () => content().lexicon.search!;

describe('route', () => {
  it('gives at most five matches, best first, each with a state, topics and a score', () => {
    const q = parseRouteQuery({
      lang: 'nl',
      text: 'mag ik iemand ontslaan die lang ziek is',
      perspective: 'employer',
    });
    if (typeof q === 'string') throw new Error(q);
    const { matches } = routeResult(search(), q);
    expect(matches.length).toBeGreaterThan(0);
    expect(matches.length).toBeLessThanOrEqual(5);
    expect(matches[0]).toMatchObject({ state: 'employer.dismissal', topics: ['rights'] });
    for (const m of matches) {
      expect(Object.keys(m).sort()).toEqual(
        m.tip ? ['score', 'state', 'tip', 'topics'] : ['score', 'state', 'topics'],
      );
      expect(m.score).toBeGreaterThan(0);
      expect(m.score).toBeLessThanOrEqual(1);
    }
    const scores = matches.map((m) => m.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('reads a JSON line (perspective and country optional) and answers a bad one with an error', () => {
    const ok = routeLine(search(), '{"lang":"fr","text":"mi-temps thérapeutique","country":"fr"}');
    expect('matches' in ok && ok.matches[0]?.state).toBe('employee.returnPrep');
    expect(routeLine(search(), 'not json')).toEqual({ error: 'not valid JSON' });
    expect(routeLine(search(), '[1]')).toEqual({ error: 'not a JSON object' });
    expect(routeLine(search(), '{"lang":"de","text":"x"}')).toEqual({
      error: 'lang must be one of en, nl, fr',
    });
    expect(routeLine(search(), '{"text":"x","perspective":"boss"}')).toMatchObject({ error: /perspective/ });
    expect(routeLine(search(), '{"text":"qwertyuiop"}')).toEqual({ matches: [] });
  });
});
