import type { ContentIndex } from '../engine/content-bundle';
import type { JumpTargets } from '../engine/jump-targets';
import {
  COMMANDS,
  LANGUAGES,
  type ButtonPayload,
  type CommandName,
  type Country,
  type EngineInput,
  type Lang,
  type Perspective,
  type View,
} from '../engine/types';
import { resolveTarget } from '../engine/flow-ids';
import { analyze } from './analyze';
import { searchContent, type Match } from './content-search';
import type { AnalysedContent } from './lexicon-snapshot';
import { buildContentSearch, lookupText, type ContentSearch, type Texts } from './search-index';
import { otherLanguage } from './detect-language';
import { editDistance } from './edit-distance';
import type { Keywords } from './keywords';
import { matchChoice, type ChoiceWords } from './match-choice';
import { normalize } from './normalize';
import { roleOf, type Roles } from './roles';

/**
 * Everything understanding needs, built once at start-up: the command words of each language
 * (locales/<lng>/commands.json), the label texts and keywords for the choices on offer, and the
 * search over all content.
 */
export interface Lexicon {
  commands: Record<Lang, Map<string, CommandName>>;
  /** Phrases that say who the user is (locales/<lng>/roles.json). */
  roles: Roles;
  words: ChoiceWords;
  /** Null when built from command words only (no content): typed text then never jumps. */
  search: ContentSearch | null;
}
/** @deprecated the lexicon holds more than commands now; kept for existing imports. */
export type CommandLexicon = Lexicon;

export interface LexiconContent {
  index: ContentIndex;
  jumps: JumpTargets;
  texts: Texts;
  keywords: Keywords;
}

/**
 * The lexicon of the content. `analysed`: the choice synonyms and content search restored from a
 * snapshot made from this same content (see lexicon-snapshot.ts); without it they are analysed here.
 */
export function buildLexicon(
  words: Record<Lang, Partial<Record<CommandName, string[]>>>,
  content?: LexiconContent,
  analysed?: AnalysedContent,
  roles: Roles = { en: [], nl: [], fr: [] },
): Lexicon {
  const commands = {} as Lexicon['commands'];
  for (const lng of LANGUAGES) {
    commands[lng] = new Map();
    for (const name of COMMANDS)
      for (const w of words[lng]?.[name] ?? []) commands[lng].set(normalize(w), name);
  }
  const synonyms = analysed?.synonyms ?? analyseSynonyms(content);
  const targetOf = (p: ButtonPayload): string | undefined => {
    if (p.kind === 'goto') return p.state;
    if (p.kind !== 'choice' || !content) return undefined;
    const e = content.index.states.get(p.state);
    const c = e?.def.choices.find((x) => x.id === p.choice);
    return e && c ? resolveTarget(e.flow.id, c.to) : undefined;
  };
  const labels = new Map<string, string | undefined>();
  const label = (key: string, lang: Lang): string | undefined => {
    const id = `${lang}\u0000${key}`;
    if (labels.has(id)) return labels.get(id);
    const text = content ? lookupText(content.texts, lang, key) : undefined;
    if (labels.size < 50_000) labels.set(id, text);
    return text;
  };
  return {
    commands,
    roles,
    words: { label, targetOf, synonyms },
    search: content
      ? (analysed?.search ??
        buildContentSearch(content.index, content.jumps, content.texts, content.keywords))
      : null,
  };
}

/** The keywords of each state (locales/<lng>/keywords.json), analysed: the synonyms of its choices. */
function analyseSynonyms(content: LexiconContent | undefined): ChoiceWords['synonyms'] {
  const synonyms = {} as ChoiceWords['synonyms'];
  for (const lng of LANGUAGES) {
    synonyms[lng] = new Map();
    for (const [id, list] of Object.entries(content?.keywords[lng] ?? {}))
      if (Array.isArray(list))
        synonyms[lng].set(
          id,
          list.map((w) => [...new Set(analyze(lng, w))]),
        );
  }
  return synonyms;
}

/** When a search result is sure enough to act on, or worth offering. Tuned on the evaluation set. */
export const DECIDE = {
  /** A jump needs this score… */
  confident: 0.6,
  /** …this share of the typed words found there… */
  coverage: 0.66,
  /** …at least one typed word in its title or keywords… */
  strong: 0.01,
  /** …and a lead over the best match elsewhere: this factor, or this difference. */
  margin: 1.1,
  lead: 0.08,
  /** A single typed word found in the titles or keywords of two places must stand out more. */
  singleMargin: 1.5,
  /** "Did you mean" offers matches from this score, covering this share of the words… */
  suggest: 0.35,
  suggestCoverage: 0.3,
  /** …and not far behind the best. */
  suggestRelative: 0.6,
};

/** The best match per key. */
function distinct(matches: Match[], key: (m: Match) => string): Match[] {
  const seen = new Set<string>();
  return matches.filter((m) => !seen.has(key(m)) && !!seen.add(key(m)));
}
/** Where a match lands: a tip shown from its state competes with nothing in that state. */
const landing = (m: Match) => m.state || `tip:${m.tip}`;
const identity = (m: Match) => (m.tip ? `tip:${m.tip}` : m.state);

export type Decision =
  { kind: 'jump'; match: Match } | { kind: 'suggest'; options: Match[] } | { kind: 'none' };

/** What to do with the search results for a text of `words` typed words (function words aside). */
export function decide(matches: Match[], words: number): Decision {
  const places = distinct(matches, landing);
  const [top, second] = places;
  if (!top) return { kind: 'none' };
  const next = second?.score ?? 0;
  // A signal keyword leads there, unless another place has one too.
  if (top.signal && !second?.signal) return { kind: 'jump', match: top };
  // One typed word found in the titles or keywords of two places is ambiguous: it must stand out more.
  const leads =
    words === 1 && second?.strong
      ? top.score >= DECIDE.singleMargin * next
      : top.score >= DECIDE.margin * next || top.score - next >= DECIDE.lead;
  if (
    top.score >= DECIDE.confident &&
    top.coverage >= DECIDE.coverage &&
    top.strong >= DECIDE.strong &&
    leads
  )
    return { kind: 'jump', match: top };
  // Off-topic text tends to hit one common word in a body text only: that is not worth offering.
  const weak = top.coverage < DECIDE.suggestCoverage || (!top.strong && top.coverage < DECIDE.coverage);
  if (top.score < DECIDE.suggest || weak) return { kind: 'none' };
  const options = distinct(matches, identity).filter(
    (m) => m.score >= Math.max(DECIDE.suggest, top.score * DECIDE.suggestRelative),
  );
  return { kind: 'suggest', options: options.slice(0, 3) };
}

function fuzzyCommand(lexicon: Lexicon, lang: Lang, said: string): CommandName | undefined {
  // Command words are few: one typo is safe from 4 letters ("hepl").
  if (said.length < 4) return undefined;
  const budget = 1;
  let found: CommandName | undefined;
  for (const [word, name] of lexicon.commands[lang])
    if (word.length >= 4 && editDistance(word, said, budget) <= budget) {
      if (found && found !== name) return undefined;
      found = name;
    }
  return found;
}

export interface Whereabouts {
  perspective?: Perspective | null;
  country?: Country | null;
}

/**
 * Typed text → engine input. Order: a global command in the conversation's language; one of the
 * choices on offer (number, label, synonym, small typos); a command word of another supported language
 * or a command with a typo; then a search over all content in the conversation's language, weighted by
 * perspective and country: a clear match jumps there, text in another supported language offers to
 * switch, weaker matches ask "did you mean…", and nothing found says so and offers menu and help.
 */
export function understandText(
  text: string,
  view: Pick<View, 'choices' | 'lang' | 'tips'> | null,
  label: (key: string) => string,
  lexicon: Lexicon,
  where: Whereabouts = {},
): EngineInput {
  const said = normalize(text);
  if (!said) return { kind: 'unknown' };
  const lang = view?.lang ?? 'en';
  const own = lexicon.commands[lang].get(said);
  if (own) return { kind: 'command', name: own };
  const choices = view?.choices ?? [];
  if (/^\d{1,3}$/.test(said)) {
    // Numbers follow the numbered text rendering: the choices, then the tips' save/remove buttons.
    const n = Number(said) - 1;
    const picked = choices[n]?.payload ?? view?.tips[n - choices.length]?.payload;
    return picked ?? { kind: 'unknown' };
  }
  const words: ChoiceWords = {
    ...lexicon.words,
    // The locale texts as loaded; the conversation's translator only for a key they lack.
    label: (key, l) => lexicon.words.label(key, l) ?? (l === lang ? label(key) : undefined),
  };
  const choice = matchChoice(text, choices, lang, words);
  if (choice) return choice;
  for (const lng of LANGUAGES) {
    const other = lexicon.commands[lng].get(said);
    if (other) return { kind: 'command', name: other };
  }
  const typo = fuzzyCommand(lexicon, lang, said);
  if (typo) return { kind: 'command', name: typo };
  // "I am an HR manager" from an employee: offer that perspective rather than search the wrong one's content.
  const role = roleOf(lexicon.roles, text);
  if (role && role !== where.perspective) return { kind: 'offerPerspective', perspective: role };
  if (!lexicon.search || !view) return { kind: 'unknown' };

  const query = { text, perspective: where.perspective ?? null, country: where.country ?? null };
  const typed = (l: Lang) => new Set(analyze(l, text)).size;
  const here = decide(searchContent(lexicon.search, { ...query, lang }), typed(lang));
  if (here.kind === 'jump') return here.match.target;
  const other = otherLanguage(lexicon.search.vocabulary, text, lang);
  if (other) {
    const there = decide(searchContent(lexicon.search, { ...query, lang: other }), typed(other));
    return there.kind === 'jump'
      ? { kind: 'offerLanguage', lang: other, then: there.match.target }
      : { kind: 'offerLanguage', lang: other };
  }
  if (here.kind === 'suggest') return { kind: 'suggest', options: here.options.map((m) => m.target) };
  return { kind: 'noMatch' };
}
