import fs from 'node:fs';
import path from 'node:path';
import { loadContent } from '../../src/content/load-content';
import { FLOWS_DIR, ROOT } from './content-helpers';

/**
 * Every country-specific statement cites fact ids; flows/facts.yaml holds their sources and is
 * generated from the fact sheet ../shared/content-facts.md, which must stay the single truth.
 */
const bundle = loadContent(FLOWS_DIR);
const SHEET = path.resolve(ROOT, '..', 'shared', 'content-facts.md');
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

  it('every fact id cited in flows and tips has sources in flows/facts.yaml', () => {
    const missing = citations.filter((c) => !bundle.facts[c.fact]).map((c) => `${c.where}: ${c.fact}`);
    expect(missing).toEqual([]);
  });

  it('no unverified (U-…) fact is cited or listed anywhere', () => {
    const cited = citations.filter((c) => UNVERIFIED.test(c.fact)).map((c) => `${c.where}: ${c.fact}`);
    const listed = Object.keys(bundle.facts)
      .filter((id) => UNVERIFIED.test(id))
      .map((id) => `flows/facts.yaml: ${id}`);
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

describe('flows/facts.yaml matches the fact sheet', () => {
  /** The sheet's text for each fact id: the line that starts with `ID.` and any lines continuing it. */
  function sheetEntries(text: string): Map<string, string> {
    const entries = new Map<string, string>();
    let current: string | null = null;
    for (const line of text.split(/\r?\n/)) {
      const start = /^([A-Z]{1,2}-\d+)\.\s/.exec(line);
      if (start) {
        current = start[1] as string;
        entries.set(current, `${entries.get(current) ?? ''}${line}\n`);
      } else if (current && line.trim() && !/^(#|-{3,})/.test(line)) {
        entries.set(current, `${entries.get(current)}${line}\n`);
      } else current = null;
    }
    return entries;
  }

  // The sheet lives outside the repository (../shared/): where it is missing the check is skipped, and says so.
  const sheetPresent = fs.existsSync(SHEET);
  if (!sheetPresent)
    console.warn(
      `SKIPPED: facts.yaml ⇄ fact sheet check because ${SHEET} does not exist (the sheet lives outside the repo, in ../shared/).`,
    );
  (sheetPresent ? it : it.skip)(
    'has every fact id of facts.yaml with every one of its URLs, and no cited fact is marked UNVERIFIED',
    () => {
      const entries = sheetEntries(fs.readFileSync(SHEET, 'utf8'));
      expect(entries.size).toBeGreaterThan(50); // the parser found the sheet's facts
      const problems: string[] = [];
      for (const [id, urls] of Object.entries(bundle.facts)) {
        const entry = entries.get(id);
        if (!entry) {
          problems.push(`${id}: no line starting with "${id}." in the fact sheet`);
          continue;
        }
        for (const url of urls)
          if (!entry.includes(url)) problems.push(`${id}: ${url} is not among the sheet's sources for ${id}`);
      }
      // The sheet marks parts it could not confirm with "UNVERIFIED": content must not rest on those.
      for (const c of citations)
        if (entries.get(c.fact)?.includes('UNVERIFIED'))
          problems.push(`${c.where}: ${c.fact} is marked UNVERIFIED in the fact sheet`);
      expect(problems).toEqual([]);
    },
  );
});
