import path from 'node:path';
import {
  factsUsed,
  tipsPerCell,
  topicCoveredIn,
  topicsPerPerspective,
  visibleTips,
} from '../../src/content/coverage';
import { loadContent } from '../../src/content/load-content';
import { loadLocales } from '../../src/content/locales';
import { COUNTRIES, LANGUAGES, PERSPECTIVES, PHASES, TOPICS, type Topic } from '../../src/engine/types';
import { ROOT } from '../helpers/engine';

/** Coverage asserted from the data (issue: the whole roadmap). */
const bundle = loadContent(path.join(ROOT, 'flows'));
const resources = loadLocales(path.join(ROOT, 'locales'));

describe('content coverage', () => {
  it('every perspective has a flow', () => {
    expect(
      bundle.flows
        .map((f) => f.flow.perspective)
        .filter(Boolean)
        .sort(),
    ).toEqual([...PERSPECTIVES].sort());
  });

  it('at least 8 tips for every perspective × phase, 160 or more in all', () => {
    const cells = tipsPerCell(bundle);
    const thin = [...cells].filter(([, n]) => n < 8).map(([cell, n]) => `${cell}: ${n}`);
    expect(thin).toEqual([]);
    expect(bundle.tips.length).toBeGreaterThanOrEqual(160);
  });

  it('a user in each country sees at least 5 tips per perspective × phase, in every language', () => {
    const thin: string[] = [];
    for (const p of PERSPECTIVES)
      for (const ph of PHASES)
        for (const c of COUNTRIES)
          for (const l of LANGUAGES) {
            const n = visibleTips(bundle, resources, p, ph, c, l);
            if (n < 5) thin.push(`${p}/${ph}/${c}/${l}: ${n}`);
          }
    expect(thin).toEqual([]);
  });

  it('every catalogue topic is covered by a state, and each perspective covers its own topics', () => {
    const per = topicsPerPerspective(bundle);
    const all = new Set([...per.values()].flatMap((s) => [...s]));
    expect(TOPICS.filter((t) => !all.has(t))).toEqual([]);
    const expected: Record<string, Topic[]> = {
      employee: [
        'disclosure',
        'rights',
        'income',
        'absence-contact',
        'working-during-treatment',
        'return-plan',
        'gradual-return',
        'adjustments',
        'late-effects',
        'colleagues',
        'relapse',
        'support-services',
        'self-employed',
        'job-search',
      ],
      employer: [
        'disclosure',
        'rights',
        'income',
        'absence-contact',
        'return-plan',
        'gradual-return',
        'adjustments',
        'colleagues',
        'employer-support',
        'late-effects',
        'relapse',
        'support-services',
      ],
      health: [
        'health-professional',
        'disclosure',
        'working-during-treatment',
        'return-plan',
        'gradual-return',
        'adjustments',
        'late-effects',
        'relapse',
        'support-services',
      ],
      coach: [
        'coaching',
        'return-plan',
        'gradual-return',
        'adjustments',
        'job-search',
        'self-employed',
        'relapse',
        'support-services',
      ],
    };
    const missing = Object.entries(expected).flatMap(([p, topics]) =>
      topics.filter((t) => !per.get(p)?.has(t)).map((t) => `${p}: ${t}`),
    );
    expect(missing).toEqual([]);
  });

  it('disclosure, rights, income, return-plan, gradual-return and adjustments have sourced content in all four countries', () => {
    const key: Topic[] = ['disclosure', 'rights', 'income', 'return-plan', 'gradual-return', 'adjustments'];
    const gaps = key.flatMap((t) =>
      COUNTRIES.filter((c) => !topicCoveredIn(bundle, t, c)).map((c) => `${t}/${c}`),
    );
    expect(gaps).toEqual([]);
  });

  it('every perspective flow has a state for each of the five phases', () => {
    const gaps: string[] = [];
    for (const { flow } of bundle.flows) {
      if (!flow.perspective) continue;
      const phases = new Set(Object.values(flow.states).map((s) => s.phase));
      for (const ph of PHASES) if (!phases.has(ph)) gaps.push(`${flow.id}: ${ph}`);
    }
    expect(gaps).toEqual([]);
  });

  it('cites many facts, and none of the unverified ones', () => {
    const used = [...factsUsed(bundle).keys()];
    expect(used.length).toBeGreaterThan(60);
    expect(used.filter((f) => f.startsWith('U-'))).toEqual([]);
  });
});
