import fs from 'node:fs';
import path from 'node:path';
import { LANGUAGES, type Lang } from '../engine/types';

export type Resources = Record<Lang, Record<string, Record<string, unknown>>>;

/**
 * Reads locales/<lng>/<namespace>.json for the supported languages only (never a user-given path).
 * `<namespace>.<part>.json` files are merged into `<namespace>` (e.g. tips.employer.json → tips), so
 * each perspective's content can live in its own files; a key defined twice is an error.
 */
export function loadLocales(localesDir: string): Resources {
  const resources = {} as Resources;
  for (const lng of LANGUAGES) {
    const dir = path.join(localesDir, lng);
    resources[lng] = {};
    for (const f of fs
      .readdirSync(dir)
      // keywords*.json and roles.json are data for src/understanding (search words, who is asking), not messages.
      .filter((f) => f.endsWith('.json') && !f.startsWith('keywords.') && !f.startsWith('roles.'))
      .sort()) {
      const ns = f.slice(0, -5).split('.')[0] as string;
      const tree = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as Record<string, unknown>;
      const target = (resources[lng][ns] ??= {});
      for (const [k, v] of Object.entries(tree)) {
        if (k in target)
          throw new Error(`locales/${lng}/${f}: key "${ns}:${k}" is defined in another ${ns}*.json file too`);
        target[k] = v;
      }
    }
  }
  return resources;
}

/** Every leaf key of a namespace as `ns:a.b.c`. Arrays count as one leaf. */
export function flattenKeys(resources: Resources, lng: Lang): Set<string> {
  const keys = new Set<string>();
  const walk = (ns: string, prefix: string, node: unknown) => {
    if (node && typeof node === 'object' && !Array.isArray(node)) {
      for (const [k, v] of Object.entries(node as Record<string, unknown>))
        walk(ns, prefix ? `${prefix}.${k}` : k, v);
    } else keys.add(`${ns}:${prefix}`);
  };
  for (const [ns, tree] of Object.entries(resources[lng])) walk(ns, '', tree);
  return keys;
}

/** A key exists when it is present in every language. */
export function keyChecker(resources: Resources): (key: string) => boolean {
  const sets = LANGUAGES.map((l) => flattenKeys(resources, l));
  return (key) => sets.every((s) => s.has(key));
}
