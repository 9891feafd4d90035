import { TurnContext, type Activity } from 'botbuilder';
import type { RawInput, TurnKeys } from '../turn/run-turn';

/** Activity → channel-neutral turn input. A button press arrives as `value`; typed text as `text`. */
export function inputOf(activity: Activity): RawInput {
  const locale = activity.locale;
  if (activity.value !== undefined && activity.value !== null && typeof activity.value === 'object')
    return { kind: 'payload', value: activity.value, locale };
  // In Teams channels and group chats the text starts with an <at>mention</at> of the bot.
  const text =
    activity.channelId === 'msteams' ? TurnContext.removeRecipientMention(activity) : activity.text;
  return { kind: 'text', text: typeof text === 'string' ? text.slice(0, 2000) : '', locale };
}

export function keysOf(activity: Activity): TurnKeys {
  const channel = activity.channelId || 'unknown';
  const user = activity.from?.aadObjectId ?? activity.from?.id;
  return {
    conversation: `conv/${channel}/${activity.conversation?.id ?? 'none'}`,
    user: user ? `user/${channel}/${user}` : undefined,
  };
}
