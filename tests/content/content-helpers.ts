import fs from 'node:fs';
import path from 'node:path';
import type { ContentBundle } from '../../src/engine/content-bundle';
import type { Resources } from '../../src/content/locales';
import { COUNTRIES, type Lang } from '../../src/engine/types';
import { ROOT } from '../helpers/engine';

export { ROOT };
export const FLOWS_DIR = path.join(ROOT, 'flows');
export const LOCALES_DIR = path.join(ROOT, 'locales');
export const SRC_DIR = path.join(ROOT, 'src');

/** Every leaf of every namespace of one language, as `ns:a.b.c` → value (a string, or an array). */
export function leaves(resources: Resources, lng: Lang): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const walk = (ns: string, prefix: string, node: unknown) => {
    if (node && typeof node === 'object' && !Array.isArray(node))
      for (const [k, v] of Object.entries(node as Record<string, unknown>))
        walk(ns, prefix ? `${prefix}.${k}` : k, v);
    else out.set(`${ns}:${prefix}`, node);
  };
  for (const [ns, tree] of Object.entries(resources[lng])) walk(ns, '', tree);
  return out;
}

/** One place where a flow or the tips catalogue names an i18n key. */
export interface KeyUse {
  key: string;
  where: string;
  /** The key is shown with the user's country as i18next context: `key_BE`, `key_NL`, … must exist. */
  perCountry: boolean;
}

/** Every i18n key the flows and tips use: say, choice labels, plan sentences, tip title and body. */
export function flowKeyUses(bundle: ContentBundle): KeyUse[] {
  const uses: KeyUse[] = [];
  for (const { file, flow } of bundle.flows)
    for (const [name, state] of Object.entries(flow.states)) {
      const at = `${file} › state "${name}"`;
      state.say.forEach((m, i) =>
        uses.push(
          typeof m === 'string'
            ? { key: m, where: `${at} › say[${i}]`, perCountry: false }
            : { key: m.key, where: `${at} › say[${i}]`, perCountry: m.context === 'country' },
        ),
      );
      for (const c of state.choices) {
        uses.push({ key: c.label, where: `${at} › choice "${c.id}" label`, perCountry: false });
        if (c.plan) uses.push({ key: c.plan, where: `${at} › choice "${c.id}" plan`, perCountry: false });
        if (c.reply) uses.push({ key: c.reply, where: `${at} › choice "${c.id}" reply`, perCountry: false });
        if (c.say) uses.push({ key: c.say, where: `${at} › choice "${c.id}" say`, perCountry: false });
      }
      if (state.script) {
        const sc = state.script;
        uses.push({ key: sc.frame, where: `${at} › script frame`, perCountry: false });
        for (const line of sc.parts.flat())
          for (const tone of sc.tones)
            uses.push({ key: `${line.key}.${tone}`, where: `${at} › script line`, perCountry: false });
        for (const rule of sc.rules)
          uses.push({ key: rule.key, where: `${at} › script rule`, perCountry: false });
      }
    }
  for (const tip of bundle.tips) {
    const at = `flows/tips.yaml › tip "${tip.id}"`;
    uses.push({ key: `tips:${tip.id}.title`, where: `${at} title`, perCountry: false });
    uses.push({ key: `tips:${tip.id}.body`, where: `${at} body`, perCountry: tip.countryText });
  }
  return uses;
}

export const countryVariants = (key: string): string[] => COUNTRIES.map((c) => `${key}_${c}`);

function tsFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((d) =>
      d.isDirectory()
        ? tsFiles(path.join(dir, d.name))
        : d.name.endsWith('.ts')
          ? [path.join(dir, d.name)]
          : [],
    );
}

/** i18n keys written as string literals (`'common:nav.back'`) in the .ts files under src/ → the files that use them. */
export function sourceKeys(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const literal = /['"`]((?:common|entry|employee|tips|commands|teams|web):[\w.-]+)['"`]/g;
  for (const file of tsFiles(SRC_DIR)) {
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(literal)) {
      const key = m[1] as string;
      const rel = path.relative(ROOT, file);
      found.set(key, [...new Set([...(found.get(key) ?? []), rel])]);
    }
  }
  return found;
}
