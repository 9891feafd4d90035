import type { AnyMachineSnapshot, AnyStateMachine } from 'xstate';
import {
  COMMAND_STATES,
  indexContent,
  type ContentBundle,
  type ContentIndex,
  type StateEntry,
} from './content-bundle';
import { compileFlows } from './compile-flows';
import { choiceEvent, resolveTarget } from './flow-ids';
import { goTo, HISTORY_LIMIT, menuOf } from './go-to';
import { jumpTo, noMatch, offerLanguage, offerPerspective, suggest, withoutOffer } from './jump';
import { jumpTargets, type JumpTargets } from './jump-targets';
import { scriptReady, scriptView } from './script';
import { transitionFor, type Transition } from './pure-transition';
import {
  FEEDBACK_REASONS,
  SCHEMA_VERSION,
  type CommandName,
  type EngineInput,
  type MessageRef,
  type PersistedConversation,
  type RoadmapContext,
  type StepResult,
} from './types';
import {
  feedbackChoices,
  planLines,
  REASON_LABELS,
  repromptView,
  stateView,
  sourcesFor,
  summaryStates,
  tipView,
  visibleChoices,
} from './views';

export interface Engine {
  index: ContentIndex;
  machine: AnyStateMachine;
  /** Where typed text may take a user (see jump-targets.ts). */
  jumps: JumpTargets;
  /** The machine's pure transition (see pure-transition.ts). */
  transition: Transition;
}

export function createEngine(bundle: ContentBundle): Engine {
  const index = indexContent(bundle);
  const machine = compileFlows(index);
  return { index, machine, jumps: jumpTargets(index), transition: transitionFor(machine) };
}

function toValue(id: string): Record<string, string> {
  const i = id.indexOf('.');
  return { [id.slice(0, i)]: id.slice(i + 1) };
}

function idOf(snapshot: AnyMachineSnapshot): string {
  const [flow, state] = Object.entries(snapshot.value as Record<string, string>)[0] ?? ['', ''];
  return `${flow}.${state}`;
}

/** Restores the machine at a stored state, or null when it cannot be restored (never throws). */
function restore(engine: Engine, id: string, context: RoadmapContext): AnyMachineSnapshot | null {
  try {
    return engine.machine.resolveState({ value: toValue(id), context });
  } catch {
    return null;
  }
}

function freshContext(input: Extract<EngineInput, { kind: 'start' }>): RoadmapContext {
  return {
    lang: input.lang,
    country: input.country ?? null,
    perspective: null,
    workStatus: null,
    answers: {},
    savedTips: [],
  };
}

/**
 * One conversational step: persisted state + input → new persisted state + view. Pure: `now` is
 * passed in, nothing is read or written. Unknown input, stale buttons and stored states that no
 * longer exist are answered, never thrown.
 */
export function step(
  engine: Engine,
  persisted: PersistedConversation | null,
  input: EngineInput,
  now: number,
): StepResult {
  try {
    return stepUnsafe(engine, persisted, input, now);
  } catch {
    // A defect in content or code must not reach the user as a crash: recover to a safe place.
    const ctx = persisted?.context ?? freshContext({ kind: 'start', lang: 'en' });
    return goTo(
      engine,
      persisted,
      ctx,
      menuOf(engine.index, ctx),
      now,
      [{ key: 'common:recovered' }],
      'recovered',
      [],
    );
  }
}

function stepUnsafe(
  engine: Engine,
  storedIn: PersistedConversation | null,
  input: EngineInput,
  now: number,
): StepResult {
  const { index } = engine;
  // An offer (did you mean…) holds for one turn only.
  const stored = storedIn && withoutOffer(storedIn);
  if (!stored || stored.schemaVersion !== SCHEMA_VERSION) {
    const ctx = stored?.context?.lang
      ? {
          ...freshContext({ kind: 'start', lang: stored.context.lang }),
          savedTips: stored.context.savedTips ?? [],
        }
      : freshContext(input.kind === 'start' ? input : { kind: 'start', lang: 'en' });
    return goTo(engine, null, ctx, index.entryState, now, [], 'start', []);
  }
  const ctx = stored.context;
  if (!index.states.has(stored.state)) {
    // The stored state was renamed or removed by a content update: back to the menu, kindly.
    return goTo(engine, stored, ctx, menuOf(index, ctx), now, [{ key: 'common:recovered' }], 'recovered', []);
  }
  const entry = index.states.get(stored.state) as StateEntry;
  const reprompt = (messages: MessageRef[], event: string, extra = {}) => ({
    persisted: { ...stored, flowVersion: index.version, updatedAt: now },
    view: repromptView(index, entry, ctx, messages, event, extra),
  });

  switch (input.kind) {
    case 'start':
      return goTo(
        engine,
        stored,
        ctx,
        stored.state,
        now,
        [{ key: 'common:welcomeBack' }],
        'resume',
        stored.history,
      );
    case 'unknown':
      return reprompt([{ key: 'common:notUnderstood' }], 'not-understood');
    case 'tooLong':
      return reprompt([{ key: 'common:tooLong', params: { max: input.max } }], 'too-long');
    case 'goto':
      return jumpTo(engine, stored, entry, ctx, input, now);
    case 'switchLanguage': {
      const next = { ...ctx, lang: input.lang };
      if (input.then) return jumpTo(engine, { ...stored, context: next }, entry, next, input.then, now);
      return goTo(engine, stored, next, stored.state, now, [], 'switch-language', stored.history);
    }
    case 'suggest':
      return suggest(engine, stored, entry, input.options, now);
    case 'offerLanguage':
      return offerLanguage(engine, stored, entry, input.lang, input.then, now);
    case 'offerPerspective':
      return offerPerspective(engine, stored, entry, input.perspective, now);
    case 'switchPerspective': {
      // Nothing is lost: saved tips and the tools' answers stay; the new perspective's menu opens.
      const next: RoadmapContext = { ...ctx, perspective: input.perspective };
      const history = [...stored.history, stored.state].slice(-HISTORY_LIMIT);
      return goTo(engine, stored, next, menuOf(index, next), now, [], 'switch-perspective', history);
    }
    case 'noMatch':
      return noMatch(engine, stored, entry, now);
    case 'feedback': {
      // About this screen or the plan only; anything else is an old or forged button.
      if (input.subject !== stored.state && input.subject !== 'plan')
        return reprompt([{ key: 'common:stale' }], 'stale');
      if (input.vote === 'up' || input.reason)
        return reprompt([{ key: 'common:feedback.thanks' }], `feedback-${input.vote}`);
      // 👎: one optional reason from fixed choices, offered for one turn; the way on stays open.
      const view = repromptView(index, entry, ctx, [{ key: 'common:feedback.why' }], 'feedback-down');
      view.choices = [
        ...FEEDBACK_REASONS.map((reason) => ({
          id: `feedback.${reason}`,
          labelKey: REASON_LABELS[reason],
          payload: { kind: 'feedback' as const, subject: input.subject, vote: 'down' as const, reason },
        })),
        ...view.choices,
      ];
      return {
        persisted: {
          ...stored,
          flowVersion: index.version,
          updatedAt: now,
          offer: { choices: view.choices, tips: [] },
        },
        view,
      };
    }
    case 'tip': {
      if (input.op === 'show')
        return jumpTo(engine, stored, entry, ctx, { kind: 'tip', op: 'show', tip: input.tip }, now);
      if (!index.tips.has(input.tip)) return reprompt([{ key: 'common:stale' }], 'tip-unknown');
      const savedTips =
        input.op === 'save'
          ? [...new Set([...ctx.savedTips, input.tip])]
          : ctx.savedTips.filter((t) => t !== input.tip);
      const next = { ...ctx, savedTips };
      return {
        persisted: { ...stored, context: next, flowVersion: index.version, updatedAt: now },
        view: repromptView(
          index,
          entry,
          next,
          [{ key: input.op === 'save' ? 'common:tip.saved' : 'common:tip.removed' }],
          `tip-${input.op}`,
        ),
      };
    }
    case 'command':
      return command(engine, stored, entry, input.name, now);
    case 'choice': {
      if (input.state !== stored.state) {
        // A button of an earlier message (Teams and Web Chat keep them clickable): it still works when its
        // question belongs to where the user is (the welcome or their own perspective), as if answered again.
        const earlier = earlierQuestion(index, stored, ctx, input.state, input.choice);
        if (!earlier) return reprompt([{ key: 'common:stale' }], 'stale');
        return stepUnsafe(engine, earlier, input, now);
      }
      const choice = entry.def.choices.find((c) => c.id === input.choice);
      if (!choice) return reprompt([{ key: 'common:stale' }], 'stale');
      const event = { type: choiceEvent(choice.id) };
      // The same guard check as the view: a choice not on offer cannot be taken.
      if (!visibleChoices(index, entry, ctx).some((c) => c.id === choice.id))
        return reprompt([{ key: 'common:notUnderstood' }], 'guarded');
      // Only a choice moves the machine: the snapshot is restored here, not on every turn.
      const snapshot = restore(engine, stored.state, ctx);
      if (!snapshot)
        return goTo(
          engine,
          stored,
          ctx,
          menuOf(index, ctx),
          now,
          [{ key: 'common:recovered' }],
          'recovered',
          [],
        );
      const next = engine.transition(snapshot, event);
      const nextCtx = next.context as RoadmapContext;
      if (resolveTarget(entry.flow.id, choice.to) === '$return') {
        const history = [...stored.history];
        const back = history.pop() ?? menuOf(index, nextCtx);
        return goTo(engine, stored, nextCtx, back, now, [], 'return', history);
      }
      const target = idOf(next);
      const history =
        target === stored.state ? stored.history : [...stored.history, stored.state].slice(-HISTORY_LIMIT);
      const context = nextCtx.country ?? undefined;
      const reply: MessageRef[] = choice.reply
        ? [
            {
              key: choice.reply,
              context,
              ...(choice.say ? { nested: { text: { key: choice.say, context } } } : {}),
            },
          ]
        : [];
      return goTo(engine, stored, nextCtx, target, now, reply, `choice:${choice.id}`, history);
    }
  }
}

function command(
  engine: Engine,
  stored: PersistedConversation,
  entry: StateEntry,
  name: CommandName,
  now: number,
): StepResult {
  const { index } = engine;
  const ctx = stored.context;
  const push = [...stored.history, stored.state].slice(-HISTORY_LIMIT);
  const reprompt = (messages: MessageRef[], extra = {}): StepResult => ({
    persisted: { ...stored, flowVersion: index.version, updatedAt: now },
    view: repromptView(index, entry, ctx, messages, `command:${name}`, extra),
  });
  switch (name) {
    case 'menu':
      return goTo(engine, stored, ctx, menuOf(index, ctx), now, [], 'command:menu', push);
    case 'restart': {
      const next: RoadmapContext = { ...ctx, perspective: null, workStatus: null, answers: {} };
      return goTo(engine, stored, next, index.entryState, now, [], 'command:restart', []);
    }
    case 'back': {
      const history = [...stored.history];
      const back = history.pop();
      if (!back || !index.states.has(back)) return reprompt([{ key: 'common:nav.backNone' }]);
      return goTo(engine, stored, ctx, back, now, [], 'command:back', history);
    }
    case 'language':
    case 'country':
    case 'talk':
      return goTo(engine, stored, ctx, COMMAND_STATES[name], now, [], `command:${name}`, push);
    case 'help':
      return reprompt([{ key: 'common:help.intro' }, { key: 'common:help.commands' }]);
    case 'greet':
    case 'thanks':
    case 'ok':
    case 'bye':
    case 'who':
      return reprompt([{ key: SMALL_TALK[name] }]);
    case 'privacy':
      return reprompt([{ key: 'common:privacy.full' }]);
    case 'plan': {
      const [messages, extra] = planView(engine, ctx);
      // The plan arrives as one message (one bubble, one paragraph per line), then the saved tips and sources.
      const result = reprompt([{ key: 'common:plan.whole', parts: messages }], extra);
      if (!messages.some((m) => m.key === 'common:plan.empty')) {
        result.view.choices.unshift({
          id: 'download',
          labelKey: 'common:plan.download',
          payload: { kind: 'command', name: 'download' },
        });
        result.view.choices.push(...feedbackChoices('plan'));
      }
      return result;
    }
    case 'download': {
      const result = reprompt([{ key: 'common:plan.links' }]);
      result.view.effects = ['planLink'];
      return result;
    }
    case 'delete':
      return {
        persisted: null,
        view: {
          state: stored.state,
          lang: ctx.lang,
          messages: [{ key: 'common:delete.done' }],
          tips: [],
          sources: [],
          choices: [
            {
              id: 'restart',
              labelKey: 'common:nav.startAgain',
              payload: { kind: 'command', name: 'restart' },
            },
          ],
          expect: 'choice',
          effects: ['deleteData'],
          event: 'command:delete',
        },
      };
  }
}

/** Greetings, thanks, "ok", goodbye and "who are you?": one short answer; the choices stay on screen. */
const SMALL_TALK = {
  greet: 'common:smallTalk.greet',
  thanks: 'common:smallTalk.thanks',
  ok: 'common:smallTalk.ok',
  bye: 'common:smallTalk.bye',
  who: 'common:smallTalk.who',
} as const;

/** "My plan": the saved tips and every guided tool's plan, with their sources. */
function planView(
  engine: Engine,
  ctx: RoadmapContext,
): [MessageRef[], { tips: ReturnType<typeof tipView>[]; sources: ReturnType<typeof sourcesFor> }] {
  const { index } = engine;
  const messages: MessageRef[] = [{ key: 'common:plan.title' }];
  let facts: string[] = [];
  for (const s of summaryStates(index)) {
    const lines = planLines(index, s.def.summary as string, ctx);
    const script =
      s.def.script && scriptReady(s.def.script, ctx.answers) ? scriptView(s.def.script, ctx) : null;
    if (!lines.length && !script) continue;
    const heading = s.def.say[0];
    if (heading) messages.push(typeof heading === 'string' ? { key: heading } : { key: heading.key });
    if (script) messages.push(script.message, ...script.rules);
    messages.push(...lines);
    if (ctx.country) facts = facts.concat(s.def.facts[ctx.country] ?? [], script?.facts ?? []);
  }
  const tips = ctx.savedTips.filter((t) => index.tips.has(t)).map((t) => tipView(index, t, ctx));
  if (ctx.country)
    facts = facts.concat(
      tips.flatMap((t) => (index.tips.get(t.id)?.facts ?? []).filter((f) => f.startsWith(`${ctx.country}-`))),
    );
  if (messages.length === 1 && !tips.length) messages.push({ key: 'common:plan.empty' });
  else if (tips.length) messages.push({ key: 'common:plan.tips', params: { count: tips.length } });
  return [messages, { tips, sources: sourcesFor(index, facts, ctx) }];
}

/** The choices on offer in a stored conversation (for understanding typed text). */
export function currentView(
  engine: Engine,
  stored: PersistedConversation | null,
  lang: RoadmapContext['lang'],
) {
  if (!stored) return null;
  const entry = engine.index.states.get(stored.state);
  if (!entry) return null;
  const ctx = { ...stored.context, lang };
  const view = stateView(engine.index, entry, ctx, [], 'peek');
  if (!stored.offer) return view;
  const tips = stored.offer.tips
    .filter((t) => engine.index.tips.has(t))
    .map((t) => tipView(engine.index, t, ctx));
  return { ...view, choices: stored.offer.choices, tips };
}

/**
 * The conversation put back at an earlier question whose button was pressed, or null when that button
 * cannot apply now: the question no longer exists, belongs to another perspective's flow, or offers that
 * choice no more (for example a guard that depends on an answer since changed).
 */
function earlierQuestion(
  index: ContentIndex,
  stored: PersistedConversation,
  ctx: RoadmapContext,
  state: string,
  choiceId: string,
): PersistedConversation | null {
  const earlier = index.states.get(state);
  if (!earlier) return null;
  const perspective = earlier.flow.perspective;
  if (perspective && perspective !== ctx.perspective) return null;
  if (!visibleChoices(index, earlier, ctx).some((c) => c.id === choiceId)) return null;
  return { ...stored, state };
}
