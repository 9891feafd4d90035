import { scriptView } from './script';
import type { ContentIndex, StateEntry } from './content-bundle';
import { GUARDS, refName, refParams } from './registry';
import type { ChoiceView, MessageRef, RoadmapContext, SourceView, TipView, View } from './types';
import { pickSources, publisherName } from './pick-sources';

/** Builds channel-neutral views: message keys, tips, sources and choices. Pure. */

export function visibleChoices(index: ContentIndex, entry: StateEntry, ctx: RoadmapContext): ChoiceView[] {
  const choices: ChoiceView[] = entry.def.choices
    .filter((c) => !c.guard || (GUARDS[refName(c.guard)]?.test(ctx, refParams(c.guard)) ?? false))
    .map((c) => ({
      id: c.id,
      labelKey: c.label,
      payload: { kind: 'choice', state: entry.id, choice: c.id, v: index.version },
    }));
  if (entry.def.nav) {
    choices.push({ id: 'back', labelKey: 'common:nav.back', payload: { kind: 'command', name: 'back' } });
    const menu = ctx.perspective ? index.menus.get(ctx.perspective) : undefined;
    if (menu !== entry.id)
      choices.push({ id: 'menu', labelKey: 'common:nav.menu', payload: { kind: 'command', name: 'menu' } });
  }
  return choices;
}

export function tipView(index: ContentIndex, tipId: string, ctx: RoadmapContext): TipView {
  const tip = index.tips.get(tipId);
  return {
    id: tipId,
    titleKey: `tips:${tipId}.title`,
    bodyKey: `tips:${tipId}.body`,
    context: tip?.countryText && ctx.country ? ctx.country : undefined,
    saved: ctx.savedTips.includes(tipId),
    payload: { kind: 'tip', op: ctx.savedTips.includes(tipId) ? 'remove' : 'save', tip: tipId },
  };
}

/** A tip shows when it applies to the user's country; with no country, only tips that apply everywhere. */
function tipApplies(index: ContentIndex, tipId: string, ctx: RoadmapContext): boolean {
  const tip = index.tips.get(tipId);
  if (!tip) return false;
  return ctx.country ? tip.countries.includes(ctx.country) : tip.countries.length === 4;
}

/** The "more information" links of some facts for this reader (language, perspective), each page once, the reader's language first. */
export function sourcesFor(
  index: ContentIndex,
  factIds: string[],
  reader: Pick<RoadmapContext, 'lang' | 'perspective'>,
): SourceView[] {
  const out: SourceView[] = [];
  const seen = new Set<string>();
  for (const id of new Set(factIds)) {
    const fact = index.facts[id];
    if (!fact) continue;
    for (const s of pickSources(fact, reader.lang, reader.perspective)) {
      if (seen.has(s.url)) continue;
      seen.add(s.url);
      out.push({
        fact: id,
        url: s.url,
        publisher: publisherName(index.publishers, s),
        title: s.title,
        lang: s.lang,
      });
    }
  }
  // Pages in the reader's language first (a French-speaking Belgian sees French help before Flemish pages);
  // otherwise in the order the facts are cited.
  return [...out.filter((s) => s.lang === reader.lang), ...out.filter((s) => s.lang !== reader.lang)];
}

/** The plan lines of one guided tool: the `plan` sentence of every answer given, in flow order. */
export function planLines(index: ContentIndex, tool: string, ctx: RoadmapContext): MessageRef[] {
  const lines: MessageRef[] = [];
  for (const e of index.states.values()) {
    if (!e.def.ask?.startsWith(`${tool}.`)) continue;
    const answer = ctx.answers[e.def.ask];
    const choice = e.def.choices.find((c) => c.id === answer);
    if (!choice?.plan) continue;
    const question = e.def.say[0];
    lines.push(
      choice.say && question
        ? {
            key: choice.plan,
            nested: {
              question: { key: typeof question === 'string' ? question : question.key },
              answer: { key: choice.say },
            },
          }
        : { key: choice.plan },
    );
  }
  return lines;
}

/**
 * "Was this helpful?" (👍 / 👎) about a screen with tips, a guided tool's result or the plan: two choices
 * the channels show as one unobtrusive line (the terminal numbers them like any choice).
 */
const VOTE_LABELS = { up: 'common:feedback.up', down: 'common:feedback.down' } as const;
/** The reasons after 👎, written out so the content checks see each key used. */
export const REASON_LABELS = {
  wrong: 'common:feedback.reason.wrong',
  unclear: 'common:feedback.reason.unclear',
  notAsked: 'common:feedback.reason.notAsked',
  outdated: 'common:feedback.reason.outdated',
} as const;

export function feedbackChoices(subject: string): ChoiceView[] {
  return (['up', 'down'] as const).map((vote) => ({
    id: `feedback.${vote}`,
    labelKey: VOTE_LABELS[vote],
    payload: { kind: 'feedback', subject, vote },
  }));
}

/** Screens asked about: those with tips, and a guided tool's result (its summary or talk). */
export function asksFeedback(entry: StateEntry, tipsShown: number): boolean {
  return tipsShown > 0 || Boolean(entry.def.summary) || Boolean(entry.def.script);
}

export function summaryStates(index: ContentIndex): StateEntry[] {
  return [...index.states.values()].filter((e) => e.def.summary);
}

export function stateView(
  index: ContentIndex,
  entry: StateEntry,
  ctx: RoadmapContext,
  prefix: MessageRef[],
  event: string,
): View {
  const messages: MessageRef[] = [...prefix];
  for (const m of entry.def.say) {
    if (typeof m === 'string') messages.push({ key: m });
    else
      messages.push({
        key: m.key,
        context: m.context === 'country' ? (ctx.country ?? undefined) : undefined,
      });
  }
  // A guided tool's summary: its heading (first message), then the talk and its rules, the plan lines, the rest.
  const script = entry.def.script ? scriptView(entry.def.script, ctx) : undefined;
  if (entry.def.summary || script)
    messages.splice(
      prefix.length + 1,
      0,
      ...(script ? [script.message, ...script.rules] : []),
      ...(entry.def.summary ? planLines(index, entry.def.summary, ctx) : []),
    );
  const tips = entry.def.tips.filter((t) => tipApplies(index, t, ctx));
  const facts = ctx.country
    ? [
        ...(entry.def.facts[ctx.country] ?? []),
        ...(script?.facts ?? []),
        ...tips.flatMap((t) =>
          (index.tips.get(t)?.facts ?? []).filter((f) => f.startsWith(`${ctx.country}-`)),
        ),
      ]
    : [];
  return {
    state: entry.id,
    lang: ctx.lang,
    country: ctx.country,
    messages,
    tips: tips.map((t) => tipView(index, t, ctx)),
    sources: sourcesFor(index, facts, ctx),
    choices: [
      ...visibleChoices(index, entry, ctx),
      ...(asksFeedback(entry, tips.length) ? feedbackChoices(entry.id) : []),
    ],
    expect: 'choice',
    effects: [],
    event,
  };
}

/** Short answer plus the current choices again (not understood, stale button, tip saved, help…). */
export function repromptView(
  index: ContentIndex,
  entry: StateEntry,
  ctx: RoadmapContext,
  messages: MessageRef[],
  event: string,
  extra: Partial<Pick<View, 'tips' | 'sources'>> = {},
): View {
  return {
    state: entry.id,
    lang: ctx.lang,
    country: ctx.country,
    messages,
    tips: extra.tips ?? [],
    sources: extra.sources ?? [],
    choices: visibleChoices(index, entry, ctx),
    expect: 'choice',
    effects: [],
    event,
  };
}
