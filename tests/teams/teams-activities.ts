import type { Reply } from '../helpers/http-bot';

/**
 * Activities shaped as Microsoft Teams sends them (ids, conversation types, channelData, mention and
 * clientInfo entities, the text/html copy of a message). serviceUrl is never called: the tests use
 * deliveryMode expectReplies.
 */
export const BOT = { id: '28:00000000-0000-0000-0000-0000000000b0', name: 'Roadmap' };
const TENANT = '72f988bf-0000-0000-0000-000000000001';
export const CHANNEL = '19:general0123456789abcdef@thread.tacv2';
const TEAM = '19:team0123456789abcdef@thread.tacv2';

export interface TeamsUser {
  id: string;
  name: string;
  aadObjectId: string;
}
export const user = (n: number): TeamsUser => ({
  id: `29:1user${n}-teams-id`,
  name: `Person ${n}`,
  aadObjectId: `00000000-0000-0000-0000-${String(n).padStart(12, '0')}`,
});

export type Scope =
  | { kind: 'personal'; conversation: string }
  | { kind: 'channel'; thread?: string }
  | { kind: 'groupChat'; conversation: string };

let seq = 0;
function base(scope: Scope, from: TeamsUser, locale = 'en-US'): Record<string, unknown> {
  seq += 1;
  const conversation =
    scope.kind === 'personal'
      ? { conversationType: 'personal', tenantId: TENANT, id: scope.conversation }
      : scope.kind === 'groupChat'
        ? { isGroup: true, conversationType: 'groupChat', tenantId: TENANT, id: scope.conversation }
        : {
            isGroup: true,
            conversationType: 'channel',
            tenantId: TENANT,
            id: `${CHANNEL};messageid=${scope.thread ?? '1700000000000'}`,
          };
  const channelData =
    scope.kind === 'channel'
      ? {
          teamsChannelId: CHANNEL,
          teamsTeamId: TEAM,
          channel: { id: CHANNEL },
          team: { id: TEAM },
          tenant: { id: TENANT },
        }
      : { tenant: { id: TENANT } };
  return {
    id: `1700000000${String(seq).padStart(3, '0')}`,
    channelId: 'msteams',
    serviceUrl: 'http://127.0.0.1:9/teams/',
    timestamp: new Date(1_700_000_000_000 + seq * 1000).toISOString(),
    localTimestamp: new Date(1_700_000_000_000 + seq * 1000).toISOString(),
    from,
    recipient: BOT,
    conversation,
    channelData,
    locale,
    entities: [{ type: 'clientInfo', locale, country: 'BE', platform: 'Web', timezone: 'Europe/Brussels' }],
  };
}

/** A typed message. `mention: true` puts `<at>Roadmap</at>` before the text, with its mention entity. */
export function teamsMessage(
  scope: Scope,
  from: TeamsUser,
  text: string,
  options: { mention?: boolean; locale?: string; mentionOthers?: TeamsUser[] } = {},
): Record<string, unknown> {
  const b = base(scope, from, options.locale);
  const mentions = [
    ...(options.mention ? [{ who: BOT, tag: `<at>${BOT.name}</at>` }] : []),
    ...(options.mentionOthers ?? []).map((u) => ({ who: u, tag: `<at>${u.name}</at>` })),
  ];
  const fullText = `${mentions.map((m) => m.tag).join(' ')}${mentions.length ? ' ' : ''}${text}\n`;
  return {
    ...b,
    type: 'message',
    text: fullText,
    textFormat: 'plain',
    attachments: [
      {
        contentType: 'text/html',
        content: `<div><div>${mentions
          .map(
            (m, i) =>
              `<span itemscope="" itemtype="http://schema.skype.com/Mention" itemid="${i}">${m.who.name}</span>`,
          )
          .join(' ')} ${text}</div></div>`,
      },
    ],
    entities: [
      ...mentions.map((m) => ({
        type: 'mention',
        mentioned: { id: m.who.id, name: m.who.name },
        text: m.tag,
      })),
      ...(b.entities as unknown[]),
    ],
  };
}

/** The press of an Action.Submit button of a card: the data as `value`, no text, no mention. */
export function cardSubmit(scope: Scope, from: TeamsUser, value: unknown): Record<string, unknown> {
  return { ...base(scope, from), type: 'message', text: '', value, replyToId: '1700000000999' };
}

/** The conversationUpdate Teams sends when members join; installing the bot adds the bot itself. */
export function membersAdded(
  scope: Scope,
  from: TeamsUser,
  members: { id: string }[],
): Record<string, unknown> {
  const { locale: _l, entities: _e, ...b } = base(scope, from);
  return { ...b, type: 'conversationUpdate', membersAdded: members };
}

/** The installationUpdate Teams sends when the app is added ('add') or updated ('add-upgrade'). */
export function installationUpdate(
  scope: Scope,
  from: TeamsUser,
  action: 'add' | 'add-upgrade' | 'remove',
  locale = 'en-US',
): Record<string, unknown> {
  return { ...base(scope, from, locale), type: 'installationUpdate', action };
}

interface CardContent {
  type: string;
  version: string;
  body: { type: string; text?: string; actions?: CardAction[] }[];
  actions?: CardAction[];
}
export interface CardAction {
  type: string;
  title: string;
  data?: unknown;
  url?: string;
}

export const adaptiveCards = (replies: Reply[]): CardContent[] =>
  replies.flatMap((r) =>
    (r.attachments ?? [])
      .filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')
      .map((a) => a.content as unknown as CardContent),
  );

/** Every text a user sees: message texts (split at paragraphs) and the TextBlocks of cards. */
export function shownTexts(replies: Reply[]): string[] {
  const fromMessages = replies.flatMap((r) => (r.type === 'message' && r.text ? r.text.split('\n\n') : []));
  const fromCards = adaptiveCards(replies).flatMap((c) =>
    c.body.filter((b) => b.type === 'TextBlock' && b.text).map((b) => b.text as string),
  );
  return [...fromMessages, ...fromCards];
}

/** Every button of the cards: in action bars and in ActionSets of the body. */
export const cardButtons = (replies: Reply[]): CardAction[] =>
  adaptiveCards(replies).flatMap((c) => [
    ...(c.actions ?? []),
    ...c.body.flatMap((b) => (b.type === 'ActionSet' ? (b.actions ?? []) : [])),
  ]);

/**
 * What Teams sends as `value` when this card button is pressed: for a messageBack button (data.msteams),
 * msteams.value (its displayText is echoed in the chat, not sent); else the data itself.
 */
export function pressedValue(button: CardAction): unknown {
  const msteams = (button.data as { msteams?: { type?: string; value?: unknown } } | undefined)?.msteams;
  return msteams?.type === 'messageBack' ? msteams.value : button.data;
}

/** The text Teams echoes as the user's own message when this button is pressed (none: nothing shown). */
export function echoOf(button: CardAction): string | undefined {
  return (button.data as { msteams?: { displayText?: string } } | undefined)?.msteams?.displayText;
}

/** The card button with this title. */
export function buttonTitled(replies: Reply[], title: string): CardAction {
  const button = cardButtons(replies).find((a) => a.type === 'Action.Submit' && a.title === title);
  if (!button)
    throw new Error(`no button "${title}" in ${JSON.stringify(cardButtons(replies).map((a) => a.title))}`);
  return button;
}

/** The value Teams sends when the card button with this title is pressed. */
export function submitData(replies: Reply[], title: string): unknown {
  return pressedValue(buttonTitled(replies, title));
}
