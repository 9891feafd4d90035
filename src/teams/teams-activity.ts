/**
 * What the bot needs to know about a Microsoft Teams activity: the scope it comes from, whether it
 * @mentions the bot, and its text without the mention markup. Structural types only, so this file needs
 * no botbuilder (which stays in src/bot).
 */
export interface TeamsActivityLike {
  channelId?: string;
  text?: string;
  value?: unknown;
  locale?: string;
  conversation?: { id?: string; conversationType?: string; isGroup?: boolean };
  recipient?: { id?: string };
  entities?: { type?: string; [key: string]: unknown }[];
}

/** Where a Teams conversation happens: a 1:1 chat with the bot, a team channel or a group chat. */
export type TeamsScope = 'personal' | 'channel' | 'groupChat';

/** The Teams scope of an activity, or undefined when it does not come from Teams. */
export function teamsScope(activity: TeamsActivityLike): TeamsScope | undefined {
  if (activity.channelId !== 'msteams') return undefined;
  const type = activity.conversation?.conversationType;
  if (type === 'personal' || type === 'channel' || type === 'groupChat') return type;
  return activity.conversation?.isGroup ? 'groupChat' : 'personal';
}

/** A team channel or a group chat: several people read along, and the bot speaks only when mentioned. */
export function isSharedScope(activity: TeamsActivityLike): boolean {
  const scope = teamsScope(activity);
  return scope === 'channel' || scope === 'groupChat';
}

/** A card button (Action.Submit with object data): the data arrives as `value`, with no text and no mention. */
export function isCardSubmit(activity: TeamsActivityLike): boolean {
  return typeof activity.value === 'object' && activity.value !== null;
}

/** True when a mention entity of the activity names the bot (the recipient). */
export function mentionsRecipient(activity: TeamsActivityLike): boolean {
  const botId = activity.recipient?.id;
  if (!botId) return false;
  return (activity.entities ?? []).some(
    (e) => e.type === 'mention' && (e.mentioned as { id?: unknown } | undefined)?.id === botId,
  );
}

/**
 * Teams text after the bot's own mention was removed: other people's `<at>…</at>` mentions are dropped
 * too (names are not needed to understand a command, and are better not read at all), `&nbsp;` becomes a
 * space, whitespace is collapsed.
 */
export function cleanTeamsText(text: string): string {
  return text
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .replace(/&nbsp;/gi, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The user's locale: Teams sets `locale` on messages, and a `clientInfo` entity on most activities. */
export function localeOf(activity: TeamsActivityLike): unknown {
  if (activity.locale) return activity.locale;
  return activity.entities?.find((e) => e.type === 'clientInfo')?.locale;
}

/**
 * A channel conversation id without its thread suffix: replies in a channel thread arrive with
 * `19:…@thread.tacv2;messageid=…`, so each post would otherwise be a separate conversation.
 */
export function channelOf(conversationId: string): string {
  return conversationId.split(';messageid=')[0] as string;
}
