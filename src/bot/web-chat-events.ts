import type { Activity } from 'botbuilder';
import { COUNTRIES, type Country } from '../engine/types';
import type { RawInput, TurnResult } from '../turn/run-turn';

/**
 * The two events the web chat widget (src/web/embed.js) and the bot exchange, on any Direct Line
 * (self-hosted or Azure):
 * - the widget starts a new conversation with `webchat/join`, whose `value` carries the page's
 *   country (`data-country`) and whose locale is the page's language (`data-lang`);
 * - after "delete my data" the bot sends `iknowhow/dataDeleted`: the widget forgets the
 *   conversation and starts a new one, and the self-hosted Direct Line drops its transcript.
 */
export const JOIN_EVENT = 'webchat/join';
export const DATA_DELETED_EVENT = 'iknowhow/dataDeleted';

/** A country code from the page (`BE`, `nl`, `GB` for the UK); anything else is no country. */
export function countryOf(value: unknown): Country | undefined {
  if (typeof value !== 'string') return undefined;
  const code = value.trim().toUpperCase();
  const c = code === 'GB' ? 'UK' : code;
  return (COUNTRIES as readonly string[]).includes(c) ? (c as Country) : undefined;
}

/** The start of a conversation when this is the widget's join event; undefined for any other event. */
export function joinInputOf(
  activity: Pick<Activity, 'type' | 'name' | 'value' | 'locale' | 'channelData'>,
): RawInput | undefined {
  if (activity.type !== 'event' || activity.name !== JOIN_EVENT) return undefined;
  const value = (activity.value ?? {}) as { country?: unknown };
  const country = countryOf(value.country) ?? countryOf((activity.channelData ?? {}).country);
  // The widget sends it once, for a new conversation: a greeting, never repeated for one that exists.
  return { kind: 'start', locale: activity.locale, country, greeting: true };
}

/** After the user's data was deleted, web channels get the event that tells the widget to start afresh. */
export function dataDeletedEvents(channelId: string, outcome: TurnResult['outcome']): Partial<Activity>[] {
  return outcome === 'deleted' && channelId !== 'msteams'
    ? [{ type: 'event', name: DATA_DELETED_EVENT }]
    : [];
}
