import fs from 'node:fs';
import path from 'node:path';
import { loadContent } from '../../src/content/load-content';
import { checkSourcePolicy } from '../../src/content/source-policy';
import type { ContentBundle } from '../../src/engine/content-bundle';
import type { Fact, FactSource, Publishers } from '../../src/engine/flow-schema';
import { FLOWS_DIR } from './content-helpers';

/**
 * Every country-specific statement cites fact ids; flows/facts/ holds the project's facts and their sources
 * (started from the fact sheet in ../shared/, maintained here since). The source policy is checked here too.
 */
const bundle = loadContent(FLOWS_DIR);
const UNVERIFIED = /^U-\d+$/;

interface Citation {
  fact: string;
  where: string;
}

const citations: Citation[] = [
  ...bundle.flows.flatMap(({ file, flow }) =>
    Object.entries(flow.states).flatMap(([name, state]) =>
      Object.entries(state.facts).flatMap(([country, ids]) =>
        (ids ?? []).map((fact) => ({ fact, where: `${file} › state "${name}" › facts ${country}` })),
      ),
    ),
  ),
  ...bundle.tips.flatMap((tip) =>
    tip.facts.map((fact) => ({ fact, where: `flows/tips.yaml › tip "${tip.id}"` })),
  ),
];

describe('fact citations', () => {
  it('flows and tips cite facts (sanity check of the scan)', () => {
    expect(citations.some((c) => c.where.startsWith('flows/tips.yaml'))).toBe(true);
    expect(citations.some((c) => c.where.includes('› state'))).toBe(true);
  });

  it('every fact id cited in flows and tips is in flows/facts/', () => {
    const missing = citations.filter((c) => !bundle.facts[c.fact]).map((c) => `${c.where}: ${c.fact}`);
    expect(missing).toEqual([]);
  });

  it('no unverified (U-…) fact is cited or listed anywhere', () => {
    const cited = citations.filter((c) => UNVERIFIED.test(c.fact)).map((c) => `${c.where}: ${c.fact}`);
    const listed = Object.keys(bundle.facts)
      .filter((id) => UNVERIFIED.test(id))
      .map((id) => `flows/facts: ${id}`);
    // Also catches a U- id written somewhere the schema does not look (a new field, a comment).
    const written = fs
      .readdirSync(FLOWS_DIR)
      .filter((f) => f.endsWith('.yaml'))
      .flatMap((f) =>
        [...fs.readFileSync(path.join(FLOWS_DIR, f), 'utf8').matchAll(/\bU-\d+\b/g)].map(
          (m) => `flows/${f}: ${m[0]}`,
        ),
      );
    expect([...cited, ...listed, ...written]).toEqual([]);
  });
});

describe('the facts and the source policy (flows/facts/README.md)', () => {
  it('the content meets the source policy: no problem is found', () => {
    expect(checkSourcePolicy(bundle)).toEqual([]);
  });

  it('every fact has a claim, a country and sources with publisher, title, language, kind and a checked date', () => {
    const problems: string[] = [];
    for (const [id, fact] of Object.entries(bundle.facts)) {
      if (!fact.claim.trim()) problems.push(`${id}: no claim`);
      for (const s of fact.sources) {
        const pub = bundle.publishers[s.publisher];
        if (!pub) problems.push(`${id}: unknown publisher ${s.publisher}`);
        if (!s.title.trim() || !s.checked) problems.push(`${id}: ${s.url} lacks a title or a checked date`);
      }
    }
    expect(Object.keys(bundle.facts).length).toBeGreaterThan(150);
    expect(problems).toEqual([]);
  });
});

describe('the source policy catches each kind of breach', () => {
  // A copy of the real content with one breach put in: each must be found, named with the fact and a fix.
  const withFact = (id: string, fact: Fact, publishers: Publishers = {}): ContentBundle => ({
    ...bundle,
    facts: { ...bundle.facts, [id]: fact },
    publishers: { ...bundle.publishers, ...publishers },
  });
  const source = (over: Partial<FactSource> = {}): FactSource => ({
    url: 'https://www.gov.uk/statutory-sick-pay',
    publisher: 'gov-uk',
    title: 'Statutory Sick Pay',
    lang: 'en',
    audience: 'everyone',
    checked: '2026-12-04',
    via: 'stored-copy',
    ...over,
  });
  const fact = (sources: FactSource[], extra: Partial<Fact> = {}): Fact => ({
    country: 'UK',
    claim: 'A claim for the test only.',
    sources,
    ...extra,
  });
  const problemsOf = (b: ContentBundle) => checkSourcePolicy(b).filter((p) => p.includes('UK-999'));

  it('a mirror site', () => {
    const b = withFact(
      'UK-999',
      fact([source({ url: 'https://studylibnl.com/doc/1/x', publisher: 'studylibnl' })]),
      {
        studylibnl: {
          name: { nl: 'studylib' },
          kind: 'commercial',
          languages: ['en'],
          hosts: ['studylibnl.com'],
        },
      },
    );
    expect(problemsOf(b).join('\n')).toMatch(/UK-999.*document-mirror or copy site/);
  });

  it('a test or acceptance site, with the production host as the fix', () => {
    const b = withFact(
      'UK-999',
      fact([source({ url: 'https://wetten-acc.overheid.nl/x', publisher: 'wetten' })]),
      {
        wetten: {
          name: { en: 'Wetten' },
          kind: 'government',
          languages: ['en'],
          hosts: ['wetten-acc.overheid.nl'],
        },
      },
    );
    expect(problemsOf(b).join('\n')).toMatch(/test or acceptance site.*wetten\.overheid\.nl/);
  });

  it('a development site (dev.…) is a test site too', () => {
    const b = withFact(
      'UK-999',
      fact([source({ url: 'https://dev.larevuedupraticien.fr/article/x', publisher: 'revue' })]),
      {
        revue: {
          name: { en: 'La Revue du Praticien' },
          kind: 'professional-body',
          languages: ['en'],
          hosts: ['dev.larevuedupraticien.fr'],
        },
      },
    );
    expect(problemsOf(b).join('\n')).toMatch(/test or acceptance site.*www\.larevuedupraticien\.fr/);
  });

  it('a news page next to an official one, and a news page alone without a reason', () => {
    const news = source({ url: 'https://www.telegraaf.nl/x', publisher: 'telegraaf', lang: 'nl' });
    const pubs: Publishers = {
      telegraaf: { name: { nl: 'De Telegraaf' }, kind: 'news', languages: ['nl'], hosts: ['telegraaf.nl'] },
    };
    expect(problemsOf(withFact('UK-999', fact([source(), news]), pubs)).join('\n')).toMatch(
      /next to an official one/,
    );
    expect(problemsOf(withFact('UK-999', fact([news]), pubs)).join('\n')).toMatch(
      /news or commercial pages only/,
    );
    expect(
      problemsOf(withFact('UK-999', fact([news], { whyNotOfficial: 'Searched gov.uk and Acas.' }), pubs)),
    ).toEqual([]);
  });

  it("a page of a publisher that has the reader's language, but not in it", () => {
    const b = withFact('BE-999', {
      country: 'BE',
      claim: 'A claim for the test only.',
      sources: [
        source({
          url: 'https://www.socialsecurity.be/citizen/nl/x',
          publisher: 'socialsecurity-be',
          lang: 'nl',
        }),
      ],
    });
    const cited: ContentBundle = {
      ...b,
      tips: [
        {
          id: 't',
          perspective: 'employee',
          phase: 'treatment',
          topics: ['income'],
          countries: ['BE'],
          facts: ['BE-999'],
          countryText: true,
        },
      ],
    };
    expect(checkSourcePolicy(cited).join('\n')).toMatch(
      /BE-999.*French-speaking readers.*Fix: add its French page/,
    );
  });

  it("an employers' page as the only source for employees", () => {
    const b = withFact('UK-999', fact([source({ audience: 'employers' })]));
    const cited: ContentBundle = {
      ...b,
      tips: [
        {
          id: 't',
          perspective: 'employee',
          phase: 'treatment',
          topics: ['income'],
          countries: ['UK'],
          facts: ['UK-999'],
          countryText: true,
        },
      ],
    };
    expect(checkSourcePolicy(cited).join('\n')).toMatch(
      /UK-999.*written for employers, but employee readers see it/,
    );
  });
});
