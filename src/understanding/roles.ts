import fs from 'node:fs';
import path from 'node:path';
import { LANGUAGES, PERSPECTIVES, type Lang, type Perspective } from '../engine/types';
import { normalize } from './normalize';

/**
 * What people type to say who they are ("I am an HR manager", "ik ben werkgever", "je suis médecin"), per
 * perspective, written natively in locales/<lng>/roles.json. Typed text with one of these phrases, from a user
 * in another perspective, gets an offer to switch instead of a search in the wrong perspective's content.
 */
export type Roles = Record<Lang, [phrase: string, perspective: Perspective][]>;

export function loadRoles(localesDir: string): Roles {
  const out = {} as Roles;
  for (const lng of LANGUAGES) {
    const file = path.join(localesDir, lng, 'roles.json');
    const raw = fs.existsSync(file)
      ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>)
      : {};
    out[lng] = PERSPECTIVES.flatMap((p) =>
      (Array.isArray(raw[p]) ? (raw[p] as unknown[]) : [])
        .filter((w): w is string => typeof w === 'string' && w.trim() !== '')
        .map((w) => [normalize(w), p] as [string, Perspective]),
    );
  }
  return out;
}

/** Problems of the roles files: unknown perspectives, empty phrases, one phrase for two perspectives. */
export function checkRoles(localesDir: string): string[] {
  const problems: string[] = [];
  for (const lng of LANGUAGES) {
    const file = path.join(localesDir, lng, 'roles.json');
    if (!fs.existsSync(file)) continue;
    const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    const owner = new Map<string, string>();
    for (const [key, list] of Object.entries(raw)) {
      if (key === '_comment') continue;
      if (!(PERSPECTIVES as readonly string[]).includes(key))
        problems.push(
          `locales/${lng}/roles.json › "${key}": not a perspective. Fix: use ${PERSPECTIVES.join(', ')}.`,
        );
      if (!Array.isArray(list) || !list.every((w) => typeof w === 'string' && w.trim() !== '')) {
        problems.push(`locales/${lng}/roles.json › "${key}": must be a list of non-empty phrases.`);
        continue;
      }
      for (const w of list as string[]) {
        const n = normalize(w);
        if (owner.has(n) && owner.get(n) !== key)
          problems.push(
            `locales/${lng}/roles.json › "${w}": listed for ${owner.get(n)} and ${key}. Fix: keep one.`,
          );
        owner.set(n, key);
      }
    }
  }
  return problems;
}

/**
 * The perspective typed text says the user has, if any: a role phrase of any supported language found as whole
 * words. When phrases of several perspectives match, the longest phrase wins (it says more).
 */
export function roleOf(roles: Roles, text: string): Perspective | null {
  const said = ` ${normalize(text)} `;
  let best: [string, Perspective] | null = null;
  for (const lng of LANGUAGES)
    for (const entry of roles[lng])
      if (said.includes(` ${entry[0]} `) && (!best || entry[0].length > best[0].length)) best = entry;
  return best?.[1] ?? null;
}
