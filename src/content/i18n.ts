import i18next, { type i18n, type TFunction } from 'i18next';
import { LANGUAGES, type Lang } from '../engine/types';
import type { Resources } from './locales';

/** One i18next instance for the process; each turn uses getFixedT(lang), never changeLanguage. */
export function createI18n(resources: Resources): i18n {
  const instance = i18next.createInstance();
  void instance.init({
    resources,
    initAsync: false,
    supportedLngs: [...LANGUAGES],
    fallbackLng: 'en',
    ns: Object.keys(resources.en),
    defaultNS: 'common',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return instance;
}

export type Translate = TFunction;

/**
 * Maps a channel locale to a supported language: `nl-BE`, `nl-NL` → nl; `fr-*` → fr; anything
 * else, missing or malformed → en. Checked against the allow-list before it reaches i18next.
 */
export function negotiateLanguage(locale: unknown): Lang {
  if (typeof locale !== 'string') return 'en';
  const m = /^([a-zA-Z]{2,3})(?:[-_][a-zA-Z0-9]{1,8})*$/.exec(locale.trim());
  const base = m?.[1]?.toLowerCase();
  return (LANGUAGES as readonly string[]).includes(base ?? '') ? (base as Lang) : 'en';
}
