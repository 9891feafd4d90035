import { COMMAND_STATES, type ContentIndex, type StateEntry } from './content-bundle';
import { goTo, HISTORY_LIMIT, menuOf } from './go-to';
import { jumpAllowed } from './jump-targets';
import type { Engine } from './step';
import type {
  ChoiceView,
  CommandName,
  JumpTarget,
  Lang,
  Perspective,
  PersistedConversation,
  RoadmapContext,
  StepResult,
} from './types';
import { repromptView, sourcesFor, tipView } from './views';

/**
 * Where typed text takes a user (understanding decides, the engine checks and answers): a jump to a
 * state or a tip, "did you mean…", "nothing found", and "switch language?". Pure, like step().
 */

export function withoutOffer(p: PersistedConversation): PersistedConversation {
  const { offer: _offer, ...rest } = p;
  return rest;
}

/** A view whose buttons are not the state's own: kept for one turn, so typed numbers mean what was shown. */
function offered(
  engine: Engine,
  stored: PersistedConversation,
  view: StepResult['view'],
  now: number,
): StepResult {
  return {
    persisted: {
      ...stored,
      flowVersion: engine.index.version,
      updatedAt: now,
      offer: { choices: view.choices, tips: view.tips.map((t) => t.id) },
    },
    view,
  };
}

function validTarget(engine: Engine, ctx: RoadmapContext, target: JumpTarget): boolean {
  if (target.kind === 'goto') {
    const to = engine.jumps.canonical.get(target.state);
    return !!to && jumpAllowed(engine.index, engine.jumps, to, ctx);
  }
  const tip = engine.index.tips.get(target.tip);
  return !!tip && (!ctx.perspective || tip.perspective === ctx.perspective);
}

/**
 * Typed text found a place: a state (pushed on the history, so "back" returns) or a tip, shown with
 * its save button where the user is. Nothing saved is touched; before a perspective is chosen, the
 * target's flow chooses it.
 */
/** A state that states country rules (facts per country), or a guided tool whose states do. */
function needsCountry(index: ContentIndex, stateId: string): boolean {
  const e = index.states.get(stateId);
  if (!e) return false;
  const tool = e.def.ask?.split('.')[0];
  const states = tool
    ? [...index.states.values()].filter((s) => s.def.ask?.startsWith(`${tool}.`) || s.def.summary === tool)
    : [e];
  return states.some((s) => Object.keys(s.def.facts).length > 0 || (s.def.script?.rules.length ?? 0) > 0);
}

export function jumpTo(
  engine: Engine,
  stored: PersistedConversation,
  entry: StateEntry,
  ctx: RoadmapContext,
  target: JumpTarget,
  now: number,
): StepResult {
  const { index } = engine;
  if (target.kind === 'goto' && target.state === stored.state)
    return goTo(engine, stored, ctx, stored.state, now, [], 'stay', stored.history);
  if (!validTarget(engine, ctx, target))
    return {
      persisted: { ...stored, flowVersion: index.version, updatedAt: now },
      view: repromptView(index, entry, ctx, [{ key: 'common:stale' }], 'jump-refused'),
    };
  if (target.kind === 'goto') {
    const to = engine.jumps.canonical.get(target.state) as string;
    const flowPerspective = (index.states.get(to) as StateEntry).flow.perspective;
    const next = ctx.perspective || !flowPerspective ? ctx : { ...ctx, perspective: flowPerspective };
    const history = [...stored.history, stored.state].slice(-HISTORY_LIMIT);
    // Country rules need the country: ask it first (one tap), then land where the text pointed.
    if (next.country === null && !next.countryAsked && needsCountry(index, to))
      return goTo(engine, stored, next, COMMAND_STATES.country, now, [], 'jump-country-first', [
        ...history,
        to,
      ]);
    return goTo(engine, stored, next, to, now, [], 'jump', history);
  }
  const tip = tipView(index, target.tip, ctx);
  const facts = ctx.country
    ? (index.tips.get(target.tip)?.facts ?? []).filter((f) => f.startsWith(`${ctx.country}-`))
    : [];
  const view = repromptView(index, entry, ctx, [{ key: 'common:understand.tipFound' }], 'jump-tip', {
    tips: [tip],
    sources: sourcesFor(index, facts, ctx),
  });
  const home = engine.jumps.tipHomes.get(target.tip);
  if (home && home !== stored.state && jumpAllowed(index, engine.jumps, home, ctx))
    view.choices.unshift({
      id: 'more',
      labelKey: 'common:understand.more',
      payload: { kind: 'goto', state: home },
    });
  return offered(engine, stored, view, now);
}

const labelOf = (engine: Engine, target: JumpTarget): string =>
  target.kind === 'goto'
    ? (engine.jumps.labels.get(engine.jumps.canonical.get(target.state) ?? '') ?? '')
    : `tips:${target.tip}.title`;

/** "Did you mean…": up to three places, and "none of these" (stay where we are). */
export function suggest(
  engine: Engine,
  stored: PersistedConversation,
  entry: StateEntry,
  targets: JumpTarget[],
  now: number,
): StepResult {
  const ctx = stored.context;
  // One button per place, and no two buttons with the same words.
  const seen = new Set<string>();
  const options = targets
    .filter((t) => validTarget(engine, ctx, t))
    .filter((t) => {
      const place = t.kind === 'goto' ? (engine.jumps.canonical.get(t.state) as string) : `tip:${t.tip}`;
      const label = labelOf(engine, t);
      if (seen.has(place) || seen.has(label)) return false;
      seen.add(place).add(label);
      return true;
    })
    .slice(0, 3);
  if (!options.length) return noMatch(engine, stored, entry, now);
  const view = repromptView(
    engine.index,
    entry,
    ctx,
    [{ key: 'common:understand.didYouMean' }],
    'did-you-mean',
  );
  view.choices = [
    ...options.map((o, i) => ({ id: `option${i + 1}`, labelKey: labelOf(engine, o), payload: o })),
    { id: 'none', labelKey: 'common:understand.none', payload: { kind: 'goto', state: stored.state } },
  ];
  return offered(engine, stored, view, now);
}

/** Nothing found: say so kindly, keep the choices on offer, and offer the menu and "talk to someone". */
export function noMatch(
  engine: Engine,
  stored: PersistedConversation,
  entry: StateEntry,
  now: number,
): StepResult {
  const ctx = stored.context;
  const view = repromptView(
    engine.index,
    entry,
    ctx,
    // One message: not understood, nothing found, and what the user can do.
    [{ key: 'common:understand.noMatch' }],
    'no-match',
  );
  const has = (name: CommandName) =>
    view.choices.some((c) => c.payload.kind === 'command' && c.payload.name === name);
  const extra: ChoiceView[] = [];
  if (!has('menu') && menuOf(engine.index, ctx) !== stored.state)
    extra.push({ id: 'menu', labelKey: 'common:nav.menu', payload: { kind: 'command', name: 'menu' } });
  if (!has('talk') && stored.state !== COMMAND_STATES.talk)
    extra.push({
      id: 'talk',
      labelKey: 'common:understand.talk',
      payload: { kind: 'command', name: 'talk' },
    });
  view.choices.push(...extra);
  return offered(engine, stored, view, now);
}

/** The user wrote in another supported language: ask, in that language, whether to continue in it. */
export function offerLanguage(
  engine: Engine,
  stored: PersistedConversation,
  entry: StateEntry,
  lang: Lang,
  then: JumpTarget | undefined,
  now: number,
): StepResult {
  const ctx = stored.context;
  if (lang === ctx.lang) return noMatch(engine, stored, entry, now);
  const view = repromptView(
    engine.index,
    entry,
    { ...ctx, lang },
    [{ key: 'common:understand.switchLanguage' }],
    'offer-language',
  );
  const go = then && validTarget(engine, { ...ctx, lang }, then) ? then : undefined;
  view.choices = [
    {
      id: 'switch',
      labelKey: `entry:language.${lang}`,
      payload: go ? { kind: 'switchLanguage', lang, then: go } : { kind: 'switchLanguage', lang },
    },
    {
      id: 'keep',
      labelKey: `entry:language.${ctx.lang}`,
      payload: { kind: 'switchLanguage', lang: ctx.lang },
    },
  ];
  return offered(engine, stored, view, now);
}

/** The name of each perspective as the offer says it ("an employer, a manager or HR"). */
const ROLE_NAMES: Record<Perspective, string> = {
  employee: 'common:perspective.role.employee',
  employer: 'common:perspective.role.employer',
  health: 'common:perspective.role.health',
  coach: 'common:perspective.role.coach',
};

/** The user said who they are, and it is another perspective: offer to switch, or to stay (one tap each). */
export function offerPerspective(
  engine: Engine,
  stored: PersistedConversation,
  entry: StateEntry,
  perspective: Perspective,
  now: number,
): StepResult {
  const ctx = stored.context;
  if (perspective === ctx.perspective) return noMatch(engine, stored, entry, now);
  const view = repromptView(
    engine.index,
    entry,
    ctx,
    [{ key: 'common:perspective.offer', nested: { role: { key: ROLE_NAMES[perspective] } } }],
    'offer-perspective',
  );
  view.choices = [
    {
      id: 'switch',
      labelKey: 'common:perspective.switch',
      payload: { kind: 'switchPerspective', perspective },
    },
    { id: 'stay', labelKey: 'common:perspective.stay', payload: { kind: 'command', name: 'ok' } },
  ];
  return offered(engine, stored, view, now);
}
