import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { z } from 'zod4';
import type { ContentBundle } from '../engine/content-bundle';
import { COUNTRIES, LANGUAGES, type Lang } from '../engine/types';

/**
 * When each text was last reviewed, and how: flows/reviews/ledger.yaml. A text is a tip (`tips:<id>`, its
 * title and every body variant) or a key a flow shows (`employee:boss.plan.rights`, with its country variants).
 * Per language: the date, the method, and the review record (a file in flows/reviews/) where there is one.
 */
export const LEDGER_FILE = path.join('flows', 'reviews', 'ledger.yaml');

const entrySchema = z
  .object({
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    method: z.string().min(5),
    record: z.string().optional(),
  })
  .strict();
export type ReviewEntry = z.infer<typeof entrySchema>;
export const ledgerSchema = z.record(z.string(), z.partialRecord(z.enum(LANGUAGES), entrySchema));
export type Ledger = z.infer<typeof ledgerSchema>;

export function loadLedger(root: string): Ledger {
  const file = path.join(root, LEDGER_FILE);
  if (!fs.existsSync(file)) return {};
  return ledgerSchema.parse(yaml.load(fs.readFileSync(file, 'utf8')) ?? {});
}

/** Every text of the content with the facts it rests on. */
export function textUnits(bundle: ContentBundle): Map<string, Set<string>> {
  const units = new Map<string, Set<string>>();
  const add = (key: string, facts: string[]) => {
    const set = units.get(key) ?? new Set<string>();
    facts.forEach((f) => set.add(f));
    units.set(key, set);
  };
  for (const { flow } of bundle.flows)
    for (const state of Object.values(flow.states)) {
      const facts = COUNTRIES.flatMap((c) => state.facts[c] ?? []);
      for (const m of state.say) add(typeof m === 'string' ? m : m.key, facts);
      for (const c of state.choices) {
        add(c.label, []);
        if (c.plan) add(c.plan, []);
        if (c.reply) add(c.reply, []);
        if (c.say) add(c.say, []);
      }
      if (state.script) {
        add(state.script.frame, []);
        for (const line of state.script.parts.flat()) add(line.key, []);
        for (const rule of state.script.rules)
          add(
            rule.key,
            COUNTRIES.flatMap((c) => rule.facts?.[c] ?? []),
          );
      }
    }
  for (const tip of bundle.tips) add(`tips:${tip.id}`, tip.facts);
  return units;
}

/** Texts with no review date or method in some language. */
export function ledgerProblems(bundle: ContentBundle, ledger: Ledger, root: string): string[] {
  const problems: string[] = [];
  for (const key of textUnits(bundle).keys())
    for (const lang of LANGUAGES) {
      const e = ledger[key]?.[lang];
      if (!e)
        problems.push(`${LEDGER_FILE} › ${key} › ${lang}: no review date. Fix: npm run content:reviewed.`);
      else if (e.record && !fs.existsSync(path.join(root, 'flows', 'reviews', e.record)))
        problems.push(
          `${LEDGER_FILE} › ${key} › ${lang}: record ${e.record} does not exist in flows/reviews/.`,
        );
    }
  return problems;
}

/** Texts reviewed before a fact they rest on last changed: to read again. */
export function staleTexts(
  bundle: ContentBundle,
  ledger: Ledger,
): { key: string; lang: Lang; reviewed: string; fact: string; changed: string }[] {
  const out: { key: string; lang: Lang; reviewed: string; fact: string; changed: string }[] = [];
  for (const [key, facts] of textUnits(bundle))
    for (const lang of LANGUAGES) {
      const reviewed = ledger[key]?.[lang]?.date;
      if (!reviewed) continue;
      for (const fact of facts) {
        const changed = bundle.facts[fact]?.changed;
        if (changed && changed.length === 10 && changed > reviewed)
          out.push({ key, lang, reviewed, fact, changed });
      }
    }
  return out;
}

/** Sets the review of the given texts (all when `keys` is empty) in some languages; returns how many. */
export function markReviewed(
  bundle: ContentBundle,
  ledger: Ledger,
  o: { keys: string[]; langs: readonly Lang[]; entry: ReviewEntry; onlyMissing?: boolean },
): number {
  let n = 0;
  for (const key of textUnits(bundle).keys()) {
    if (
      o.keys.length &&
      !o.keys.some((k) => key === k || key.startsWith(`${k}.`) || (/[:-]$/.test(k) && key.startsWith(k)))
    )
      continue;
    for (const lang of o.langs) {
      if (o.onlyMissing && ledger[key]?.[lang]) continue;
      ledger[key] = { ...(ledger[key] ?? {}), [lang]: o.entry };
      n++;
    }
  }
  return n;
}

export function writeLedger(root: string, ledger: Ledger): void {
  const sorted = Object.fromEntries(Object.entries(ledger).sort(([a], [b]) => a.localeCompare(b)));
  const header =
    '# When each text was last reviewed, per language, and how (written by `npm run content:reviewed`).\n' +
    '# A text is a tip (tips:<id>: title and every body variant) or a key a flow shows, with its country variants.\n';
  fs.mkdirSync(path.dirname(path.join(root, LEDGER_FILE)), { recursive: true });
  fs.writeFileSync(
    path.join(root, LEDGER_FILE),
    header + yaml.dump(sorted, { flowLevel: 2, lineWidth: 200, quotingType: "'", noRefs: true }),
  );
}
