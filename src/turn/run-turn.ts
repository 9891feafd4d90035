import type { i18n } from 'i18next';
import { currentView, step, type Engine } from '../engine/step';
import type { Country, EngineInput, Lang, PersistedConversation, View } from '../engine/types';
import { negotiateLanguage } from '../content/i18n';
import type { T } from '../render/translate-view';
import { ETAG_NEW, StorageConflictError, type Storage } from '../storage/storage-types';
import { parsePayload } from '../understanding/parse-payload';
import { understandText, type CommandLexicon } from '../understanding/understand-text';
import { usageOfTurn, type UsageEvent } from '../usage/usage-events';

/**
 * One turn, channel-neutral: load (one read), understand, step, save (one write with the eTag that
 * was read), and hand the view back for rendering. Used by the bot and by the terminal chat.
 */
export interface TurnDeps {
  engine: Engine;
  storage: Storage;
  i18n: i18n;
  lexicon: CommandLexicon;
  now: () => number;
  retentionDays: number;
  /** Typed text longer than this is refused politely (default: no limit). */
  maxTextLength?: number;
  /** Signed plan download links for a conversation (absent: no downloads, e.g. the terminal chat). */
  planLinks?: {
    hours: number;
    /** Signed links to the plan; `fileName` is the file's name in the user's language ("mijn-plan"). */
    create: (conversationKey: string, fileName: string) => { pdf: string; markdown: string };
  };
}

export type RawInput = (
  | {
      kind: 'start';
      locale?: unknown;
      country?: Country | null;
      /** Sent by the channel (members added, the widget's join), not asked for: greets a new conversation only. */
      greeting?: boolean;
    }
  | { kind: 'text'; text: string; locale?: unknown }
  | { kind: 'payload'; value: unknown; locale?: unknown }
) & {
  /** The channel's id of the activity: one delivered again is recognised and not handled twice. */
  activityId?: string;
};

/** How many activity ids a conversation remembers (redeliveries come soon after the first delivery). */
export const SEEN_LIMIT = 20;

export interface TurnKeys {
  conversation: string;
  /** Present where the channel gives a stable user id: language and country are remembered there. */
  user?: string;
}

export interface TurnResult {
  view: View;
  t: T;
  /** What this turn showed and did, for the anonymous usage counters (never who, never text). */
  usage?: UsageEvent[];
  /** The user's perspective after the turn (a usage dimension). */
  perspective?: string;
  /**
   * How the turn ended, for logs and metrics: never message text. 'duplicate': an activity handled before
   * (redelivered), or a channel's greeting for a conversation that exists: nothing is sent or written.
   */
  outcome: 'ok' | 'deleted' | 'conflict' | 'duplicate';
}

interface UserPrefs {
  lang?: Lang;
  country?: Country | null;
}

// Translations are pure (the content does not change while the bot runs), and a turn asks for dozens
// of them: one translator per i18n instance and per language and settings, remembering its texts in a map
// by key (and, for keys with parameters, by key and parameters). Nothing is built per turn: i18next's
// fixed T is made on the first miss. Bounded: a map is emptied when it grows past MAX_REMEMBERED (the
// keys × parameters in use are far fewer).
const MAX_REMEMBERED = 50_000;
const translators = new WeakMap<object, Map<string, T>>();

/** The memo's key for a lookup: the message key, then each parameter's name, type and value. */
function memoId(key: string, options: Record<string, unknown> | undefined): string {
  let id = key;
  for (const name in options) {
    const value = options[name];
    if (value === undefined) continue;
    const kind = typeof value;
    id += `\u0000${name}\u0001${kind}\u0001${kind === 'object' ? JSON.stringify(value) : String(value)}`;
  }
  return id;
}

function makeTranslator(
  i18n: i18n,
  lang: Lang,
  defaults: { days: number; hours: number; context?: Country },
): T {
  const memo = new Map<string, string>();
  let fixed: ReturnType<i18n['getFixedT']> | undefined;
  return (key, options) => {
    const id = memoId(key, options);
    let text = memo.get(id);
    if (text === undefined) {
      fixed ??= i18n.getFixedT(lang);
      const merged: Record<string, unknown> = { ...defaults, ...(options ?? {}) };
      if (merged.context === undefined && defaults.context) merged.context = defaults.context;
      text = fixed(key, merged) as string;
      if (memo.size >= MAX_REMEMBERED) memo.clear();
      memo.set(id, text);
    }
    return text;
  };
}

/**
 * The translate function of a language, and of a country when it is known: every key then resolves to its
 * country variant (`key_BE`, …) where one exists, else to the key itself (i18next context).
 */
export function translatorFor(
  deps: Pick<TurnDeps, 'i18n' | 'retentionDays' | 'planLinks'>,
  lang: Lang,
  country?: Country | null,
): T {
  let byLang = translators.get(deps.i18n);
  if (!byLang) translators.set(deps.i18n, (byLang = new Map()));
  const days = deps.retentionDays;
  const hours = deps.planLinks?.hours ?? 24;
  const settings = `${lang}\u0000${days}\u0000${hours}\u0000${country ?? ''}`;
  let t = byLang.get(settings);
  if (!t)
    byLang.set(
      settings,
      (t = makeTranslator(deps.i18n, lang, { days, hours, ...(country ? { context: country } : {}) })),
    );
  return t;
}

function toInput(
  deps: TurnDeps,
  stored: PersistedConversation | undefined,
  prefs: UserPrefs,
  raw: RawInput,
): EngineInput {
  const lang = stored?.context.lang ?? prefs.lang ?? negotiateLanguage(raw.locale);
  if (!stored || raw.kind === 'start') {
    const country = prefs.country ?? (raw.kind === 'start' ? raw.country : undefined) ?? null;
    return { kind: 'start', lang, country };
  }
  if (raw.kind === 'payload') return parsePayload(raw.value) ?? { kind: 'unknown' };
  if (deps.maxTextLength !== undefined && raw.text.length > deps.maxTextLength)
    return { kind: 'tooLong', max: deps.maxTextLength };
  const { perspective, country } = stored.context;
  const t = translatorFor(deps, lang, country);
  return understandText(raw.text, currentView(deps.engine, stored, lang), (k) => t(k), deps.lexicon, {
    perspective,
    country,
  });
}

async function attempt(deps: TurnDeps, keys: TurnKeys, raw: RawInput): Promise<TurnResult> {
  const readKeys = keys.user ? [keys.conversation, keys.user] : [keys.conversation];
  const items = await deps.storage.read(readKeys);
  const { eTag, ...storedRest } = (items[keys.conversation] ?? {}) as Partial<PersistedConversation> & {
    eTag?: string;
  };
  const stored = eTag ? (storedRest as PersistedConversation) : undefined;
  const userItem = (keys.user ? items[keys.user] : undefined) as (UserPrefs & { eTag?: string }) | undefined;
  const prefs: UserPrefs = userItem ?? {};

  const id = typeof raw.activityId === 'string' && raw.activityId ? raw.activityId.slice(0, 200) : undefined;
  if (stored && ((id && stored.seen?.includes(id)) || (raw.kind === 'start' && raw.greeting))) {
    const lang = stored.context.lang;
    const view = currentView(deps.engine, stored, lang) as View; // stored is set: never null
    return { view, t: translatorFor(deps, lang), outcome: 'duplicate' };
  }

  const input = toInput(deps, stored, prefs, raw);
  const { persisted, view } = step(deps.engine, stored ?? null, input, deps.now());
  const t = translatorFor(deps, view.lang, view.country);
  if (view.effects.includes('planLink') && deps.planLinks)
    view.links = deps.planLinks.create(keys.conversation, t('common:plan.fileName'));

  const usage = usageOfTurn(deps.engine.index, stored, input, view, persisted);
  const perspective = persisted?.context.perspective ?? stored?.context.perspective ?? undefined;
  if (view.effects.includes('deleteData')) {
    await deps.storage.delete(readKeys);
    return { view, t, outcome: 'deleted', usage, ...(perspective ? { perspective } : {}) };
  }
  if (persisted) {
    // Written with the eTag that was read, or created only if absent: a concurrent turn on the same
    // conversation (another instance, or a first turn racing another first turn) makes this fail, and
    // then nothing of this turn was written.
    const seen = id ? [...(stored?.seen ?? []), id].slice(-SEEN_LIMIT) : stored?.seen;
    await deps.storage.write({
      [keys.conversation]: { ...persisted, ...(seen ? { seen } : {}), eTag: eTag ?? ETAG_NEW },
    });
    const { lang, country } = persisted.context;
    if (keys.user && (prefs.lang !== lang || prefs.country !== country))
      await rememberPrefs(deps, keys.user, { lang, country, updatedAt: persisted.updatedAt }, userItem?.eTag);
  }
  return { view, t, outcome: 'ok', usage, ...(perspective ? { perspective } : {}) };
}

/**
 * The user's language and country, for their next conversation: written after the turn, on its own, and
 * best effort. The turn is already saved; losing this write (a race with another conversation of the same
 * user, or with "delete my data", or a store hiccup) must not re-run or fail the turn. Written with the
 * eTag read (or only if absent), so a turn racing "delete my data" cannot bring the preferences back.
 */
async function rememberPrefs(
  deps: TurnDeps,
  key: string,
  prefs: UserPrefs & { updatedAt: number },
  eTag: string | undefined,
): Promise<void> {
  try {
    await deps.storage.write({ [key]: { ...prefs, eTag: eTag ?? ETAG_NEW } });
  } catch {
    // Kept as it was: the next turn that changes language or country writes it again.
  }
}

// Per store, the turns of one conversation that are running in this process, chained.
const running = new WeakMap<object, Map<string, Promise<void>>>();

/**
 * Runs `fn` after the turns of the same conversation (and store) already running in this process. A double
 * click or a burst of messages then never races itself; turns on other instances still can, and the eTag
 * settles those. Not re-entrant: a turn must not run another turn of its own conversation.
 */
async function oneAtATime<R>(storage: object, conversation: string, fn: () => Promise<R>): Promise<R> {
  let chains = running.get(storage);
  if (!chains) running.set(storage, (chains = new Map()));
  const result = (chains.get(conversation) ?? Promise.resolve()).then(() => fn());
  const done = result.then(
    () => undefined,
    () => undefined,
  );
  chains.set(conversation, done);
  try {
    return await result;
  } finally {
    if (chains.get(conversation) === done) chains.delete(conversation);
  }
}

/**
 * Runs a turn. Turns of one conversation in this process run one at a time; when a turn on another
 * instance won the race, the turn is re-run on fresh state (TURN_ATTEMPTS in all), and if it keeps losing
 * the user is asked to try again (`common:conflict`): never a partial write, never an error.
 */
export function runTurn(deps: TurnDeps, keys: TurnKeys, raw: RawInput): Promise<TurnResult> {
  return oneAtATime(deps.storage, keys.conversation, () => runTurnNow(deps, keys, raw));
}

/** Attempts of a turn that keeps losing races with other instances before the user is asked to retry. */
export const TURN_ATTEMPTS = 3;

async function runTurnNow(deps: TurnDeps, keys: TurnKeys, raw: RawInput): Promise<TurnResult> {
  for (let i = 1; i < TURN_ATTEMPTS; i += 1) {
    try {
      return await attempt(deps, keys, raw);
    } catch (e) {
      if (!(e instanceof StorageConflictError)) throw e;
    }
  }
  try {
    return await attempt(deps, keys, raw);
  } catch (e) {
    if (!(e instanceof StorageConflictError)) throw e;
    const lang = negotiateLanguage(raw.locale);
    const view: View = {
      state: 'conflict',
      lang,
      messages: [{ key: 'common:conflict' }],
      tips: [],
      sources: [],
      choices: [],
      expect: 'choice',
      effects: [],
      event: 'conflict',
    };
    return { view, t: translatorFor(deps, lang), outcome: 'conflict' };
  }
}
