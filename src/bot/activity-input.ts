import { TurnContext, type Activity } from 'botbuilder';
import { channelOf, cleanTeamsText, isCardSubmit, isSharedScope, localeOf } from '../teams/teams-activity';
import type { RawInput, TurnKeys } from '../turn/run-turn';

/**
 * Activity → channel-neutral turn input. A button press arrives as `value` (Web Chat messageBack, Teams
 * Action.Submit, whose text is empty); typed text as `text`.
 */
export function inputOf(activity: Activity): RawInput {
  const locale = localeOf(activity);
  if (isCardSubmit(activity)) return { kind: 'payload', value: activity.value, locale };
  const text = activity.channelId === 'msteams' ? teamsText(activity) : activity.text;
  return { kind: 'text', text: typeof text === 'string' ? text : '', locale };
}

/** In Teams channels and group chats the text holds an <at>mention</at> of the bot: removed before reading. */
function teamsText(activity: Activity): string {
  if (typeof activity.text !== 'string') return '';
  if (activity.recipient?.id) TurnContext.removeRecipientMention(activity);
  return cleanTeamsText(activity.text ?? '');
}

export function keysOf(activity: Activity): TurnKeys {
  const channel = activity.channelId || 'unknown';
  const user = activity.from?.aadObjectId ?? activity.from?.id;
  const conversationId = activity.conversation?.id ?? 'none';
  // A Teams channel or group chat is shared by several people, who must never see or change each other's
  // plan: there the conversation is kept per person (Entra object id, else the Teams user id). A person
  // keeps one plan per channel, whichever thread of it they write in.
  const conversation = isSharedScope(activity)
    ? `conv/${channel}/${channelOf(conversationId)}/${user ?? 'anonymous'}`
    : `conv/${channel}/${conversationId}`;
  return { conversation, user: user ? `user/${channel}/${user}` : undefined };
}
