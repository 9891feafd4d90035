import type { ContentIndex } from '../engine/content-bundle';
import type { EngineInput, PersistedConversation, View } from '../engine/types';

/**
 * Anonymous usage: what was shown and used, never who. An event names a state, a tip or a tool of the
 * content; its dimensions are the language, country, perspective and channel. No conversation or user id,
 * no typed text, no time finer than the day bucket it is counted in.
 */
export type UsageEvent =
  | { kind: 'conversation' }
  | { kind: 'state'; state: string }
  | { kind: 'tip'; op: 'shown' | 'saved' | 'removed'; tip: string }
  | { kind: 'tool'; op: 'started' | 'completed'; tool: string }
  | { kind: 'plan'; op: 'downloaded' }
  | { kind: 'notUnderstood'; state: string }
  /** "Was this helpful?": `up`, `down`, or after 👎 the reason (`down.wrong`…), about a screen or `plan`. */
  | { kind: 'feedback'; op: string; subject: string };

export interface UsageDims {
  lang: string;
  country: string;
  perspective: string;
  channel: string;
}

/** The channels counted by name; any other is "other" (a channel id is not personal, but keep the set small). */
const CHANNELS = new Set(['msteams', 'directline', 'webchat', 'emulator', 'terminal', 'download']);
export const channelOf = (channelId: string | undefined): string =>
  channelId && CHANNELS.has(channelId) ? channelId : 'other';

/** A counter's key: the event and its dimensions, `|`-separated (no part contains a `|`). */
export function counterKey(e: UsageEvent, d: UsageDims): string {
  const subject =
    e.kind === 'state' || e.kind === 'notUnderstood'
      ? e.state
      : e.kind === 'tip'
        ? e.tip
        : e.kind === 'tool'
          ? e.tool
          : e.kind === 'feedback'
            ? e.subject
            : '';
  const op = 'op' in e ? e.op : '';
  return [e.kind, op, subject, d.lang, d.country, d.perspective, d.channel].map(clean).join('|');
}

const clean = (s: string) => s.replace(/[|\s]/g, '_').slice(0, 100);

export interface CounterFields {
  kind: string;
  op: string;
  subject: string;
  lang: string;
  country: string;
  perspective: string;
  channel: string;
}

export function parseCounterKey(key: string): CounterFields {
  const [kind = '', op = '', subject = '', lang = '', country = '', perspective = '', channel = ''] =
    key.split('|');
  return { kind, op, subject, lang, country, perspective, channel };
}

const toolOf = (index: ContentIndex, state: string): string | undefined => {
  const def = index.states.get(state)?.def;
  return (def?.ask ?? def?.summary)?.split('.')[0];
};

/**
 * The events of one turn, from what the engine did: a new conversation; a state reached (not a re-prompt);
 * the tips shown; a tip saved or removed; a guided tool started (its first question reached from outside)
 * or completed (its summary reached); typed text not understood (counted per state, never the text).
 */
export function usageOfTurn(
  index: ContentIndex,
  before: PersistedConversation | undefined,
  input: EngineInput,
  view: View,
  after: PersistedConversation | null,
): UsageEvent[] {
  const events: UsageEvent[] = [];
  if (!before) events.push({ kind: 'conversation' });
  const moved = after !== null && after.state !== before?.state;
  if (moved) {
    events.push({ kind: 'state', state: view.state });
    const tool = toolOf(index, view.state);
    const from = before ? toolOf(index, before.state) : undefined;
    if (tool && tool !== from) events.push({ kind: 'tool', op: 'started', tool });
    const summary = index.states.get(view.state)?.def.summary;
    if (summary) events.push({ kind: 'tool', op: 'completed', tool: summary.split('.')[0] as string });
  }
  for (const tip of view.tips) events.push({ kind: 'tip', op: 'shown', tip: tip.id });
  if (input.kind === 'tip' && (view.event === 'tip-save' || view.event === 'tip-remove'))
    events.push({ kind: 'tip', op: view.event === 'tip-save' ? 'saved' : 'removed', tip: input.tip });
  if (input.kind === 'feedback' && view.event.startsWith('feedback'))
    events.push({
      kind: 'feedback',
      op: input.reason ? `down.${input.reason}` : input.vote,
      subject: input.subject,
    });
  if (view.event === 'not-understood' || view.event === 'no-match')
    events.push({ kind: 'notUnderstood', state: view.state });
  return events;
}
