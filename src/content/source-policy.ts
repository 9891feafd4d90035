import type { ContentBundle } from '../engine/content-bundle';
import { OFFICIAL_KINDS, WEAK_KINDS, type Fact, type FactSource } from '../engine/flow-schema';
import { audiencesFor } from '../engine/pick-sources';
import { COUNTRIES, type Country, type Lang, type Perspective } from '../engine/types';

/**
 * The source policy of flows/facts/README.md, checked over the facts and every place that cites them. Each
 * problem names the file, the fact and the fix. Pure: `npm run check:flows` prints the problems.
 */

/** Document-mirror and copy sites, never a source. */
const MIRROR_HOST =
  /(^|\.)(studylib[a-z]*\.[a-z]+|studyres\.com|doczz\.[a-z]+|fdocuments\.[a-z]+|vdocuments\.[a-z]+|scribd\.com|yumpu\.com|issuu\.com|arietiform\.com|paperzz\.com|documents\.pub|pdfslide\.[a-z]+|dokumen\.[a-z]+|silo\.tips|docplayer\.[a-z]+)$/;
/**
 * Acceptance, test and development sites (`wetten-acc.overheid.nl`, `dev.larevuedupraticien.fr`), never a source:
 * cite the production site.
 */
/** `wetten-acc.overheid.nl` → `wetten.overheid.nl`; `dev.example.fr` → `www.example.fr`. */
const productionHost = (host: string) =>
  host
    .replace(/-(acc|test|tst|staging|dev|preprod|uat)\./, '.')
    .replace(/^(dev|preprod|uat|sandbox|acc|test|tst|staging)\./, 'www.');
const TEST_HOST =
  /(^|\.)([a-z0-9-]+-(acc|test|tst|staging|dev|preprod|uat)|acc|test|tst|staging|dev|preprod|uat|sandbox)\./;

/** The languages a country's readers may read the bot in. */
export const READER_LANGUAGES: Record<Country, readonly Lang[]> = {
  BE: ['nl', 'fr', 'en'],
  NL: ['nl', 'en'],
  FR: ['fr', 'en'],
  UK: ['en'],
};

export const LANGUAGE_NAMES: Record<Lang, string> = { en: 'English', nl: 'Dutch', fr: 'French' };

export interface Citation {
  fact: string;
  perspective: Perspective | null;
  country: Country;
  where: string;
}

export function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return '';
  }
}

/** Every place a fact is shown: a state's facts for a country, a tip's facts of its countries. */
export function citations(bundle: ContentBundle): Citation[] {
  const out: Citation[] = [];
  for (const { file, flow } of bundle.flows)
    for (const [name, state] of Object.entries(flow.states))
      for (const country of COUNTRIES)
        for (const fact of state.facts[country] ?? [])
          out.push({
            fact,
            perspective: flow.perspective ?? null,
            country,
            where: `${file} › state "${name}"`,
          });
  for (const tip of bundle.tips)
    for (const fact of tip.facts) {
      const country = COUNTRIES.find((c) => fact.startsWith(`${c}-`) && tip.countries.includes(c));
      if (country) out.push({ fact, perspective: tip.perspective, country, where: `tip "${tip.id}"` });
    }
  return out;
}

const isWeak = (b: ContentBundle, s: FactSource) =>
  WEAK_KINDS.includes(b.publishers[s.publisher]?.kind ?? 'news');
const isOfficial = (b: ContentBundle, s: FactSource) =>
  OFFICIAL_KINDS.includes(b.publishers[s.publisher]?.kind ?? 'news');

/** Facts that rest on news or commercial pages only, with the reason given (for content:report). */
export function weakFacts(bundle: ContentBundle): { fact: string; why: string; publishers: string[] }[] {
  return Object.entries(bundle.facts)
    .filter(([, f]) => f.sources.some((s) => isWeak(bundle, s)))
    .map(([id, f]) => ({
      fact: id,
      why: f.whyNotOfficial ?? '',
      publishers: [...new Set(f.sources.filter((s) => isWeak(bundle, s)).map((s) => s.publisher))],
    }));
}

function factProblems(bundle: ContentBundle, id: string, fact: Fact, at: string): string[] {
  const problems: string[] = [];
  const prefix = id.split('-')[0] as string;
  if ((COUNTRIES as readonly string[]).includes(prefix) && fact.country !== prefix)
    problems.push(`${at}: country ${fact.country} does not match the id. Fix: country: ${prefix}.`);
  for (const s of fact.sources) {
    const host = hostOf(s.url);
    const pub = bundle.publishers[s.publisher];
    if (MIRROR_HOST.test(host))
      problems.push(
        `${at}: ${s.url} is a document-mirror or copy site. Fix: cite the publisher's own page, or drop the source.`,
      );
    if (TEST_HOST.test(host))
      problems.push(
        `${at}: ${s.url} is a test or acceptance site. Fix: cite the production site (${productionHost(host)}).`,
      );
    if (!pub) {
      problems.push(
        `${at}: publisher "${s.publisher}" is not in flows/facts/*publishers.yaml. Fix: add it there.`,
      );
      continue;
    }
    if (!pub.hosts.some((h) => host === h || host.endsWith(`.${h}`)))
      problems.push(
        `${at}: ${s.url} is not on a host of publisher "${s.publisher}" (${pub.hosts.join(', ')}). Fix: the right publisher, or add the host.`,
      );
    if (!pub.languages.includes(s.lang))
      problems.push(
        `${at}: ${s.url} is in ${LANGUAGE_NAMES[s.lang]}, a language publisher "${s.publisher}" does not list. Fix: add it to its languages.`,
      );
  }
  const official = fact.sources.some((s) => isOfficial(bundle, s));
  const weak = fact.sources.filter((s) => isWeak(bundle, s));
  if (weak.length && official)
    problems.push(
      `${at}: cites news or commercial pages (${weak.map((s) => hostOf(s.url)).join(', ')}) next to an official one. Fix: drop them; the official page states the fact.`,
    );
  if (weak.length && !official && !fact.whyNotOfficial)
    problems.push(
      `${at}: rests on news or commercial pages only (${weak.map((s) => hostOf(s.url)).join(', ')}). Fix: cite a government, social-security, insurer or charity page that states it, or say in whyNotOfficial what was searched.`,
    );
  if (official && fact.whyNotOfficial)
    problems.push(`${at}: has an official source, so whyNotOfficial is out of date. Fix: remove it.`);
  return problems;
}

/** Language and audience of what each reader is shown. */
function readerProblems(bundle: ContentBundle, cites: Citation[]): string[] {
  const problems = new Set<string>();
  for (const c of cites) {
    const fact = bundle.facts[c.fact];
    if (!fact) continue;
    const at = `${bundle.factFiles?.[c.fact] ?? 'flows/facts'} › ${c.fact} (cited in ${c.where})`;
    const audiences = audiencesFor(c.perspective);
    const fitting = audiences ? fact.sources.filter((s) => audiences.includes(s.audience)) : fact.sources;
    if (!fitting.length)
      problems.add(
        `${at}: every page is written for ${fact.sources[0]?.audience}, but ${c.perspective} readers see it. Fix: add a page for ${c.perspective}s or everyone, or cite another fact there.`,
      );
    for (const lang of READER_LANGUAGES[c.country])
      for (const pubId of new Set(fitting.map((s) => s.publisher))) {
        const pub = bundle.publishers[pubId];
        if (!pub?.languages.includes(lang)) continue;
        if (fitting.some((s) => s.publisher === pubId && s.lang === lang)) continue;
        if (fact.noPageIn?.[lang]) continue;
        problems.add(
          `${at}: ${LANGUAGE_NAMES[lang]}-speaking readers get ${pubId}'s page in another language, though ${pubId} publishes in ${LANGUAGE_NAMES[lang]}. Fix: add its ${LANGUAGE_NAMES[lang]} page (lang: ${lang}), or say in noPageIn.${lang} what was searched.`,
        );
      }
  }
  return [...problems];
}

export function checkSourcePolicy(bundle: ContentBundle): string[] {
  const problems: string[] = [];
  for (const [id, fact] of Object.entries(bundle.facts))
    problems.push(...factProblems(bundle, id, fact, `${bundle.factFiles?.[id] ?? 'flows/facts'} › ${id}`));
  problems.push(...readerProblems(bundle, citations(bundle)));
  return problems;
}
