import type { View } from '../engine/types';
import type { AttachmentOut, OutgoingActivity } from './activity-types';
import {
  feedbackCard,
  labelled,
  planLinks,
  say,
  sourcesActivity,
  splitFeedback,
  tipButtonLabel,
  tipText,
  type T,
} from './translate-view';

/**
 * Microsoft Teams: Adaptive Cards 1.5 with Action.Submit (object data arrives as activity.value).
 * Suggested actions cannot be combined with an attachment there, and show at most 3, so the choices go
 * into a card. Kept within what Teams shows and accepts:
 * - a card's action bar shows at most 6 buttons, and a state can offer more choices: each choice is an
 *   ActionSet of its own in the card body, which also stacks the (sometimes long) labels one per line;
 * - a carousel holds at most 10 cards, and a message with its attachments stays under about 28 KB;
 * - few messages per turn (Teams throttles a bot that sends many at once, and in a shared channel every
 *   message is noise for the others): the texts of a turn go out as one message.
 */
const CARD = 'application/vnd.microsoft.card.adaptive';
const SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';
export const TEAMS_LIMITS = { cardsPerCarousel: 10, messageBytes: 24_000, actionsPerSet: 6 } as const;

function card(body: unknown[], actions: unknown[] = []): AttachmentOut {
  return {
    contentType: CARD,
    content: {
      type: 'AdaptiveCard',
      $schema: SCHEMA,
      version: '1.5',
      body,
      ...(actions.length ? { actions } : {}),
    },
  };
}

/**
 * A card button that shows what was pressed as the user's own message (Teams' messageBack on an Adaptive
 * Card: `displayText` is echoed in the chat, `value` arrives as activity.value with no text). The payload
 * is also the data itself, so hosts without the Teams extension (the Emulator) send it too.
 */
function submit(title: string, payload: object, echo = title) {
  return {
    type: 'Action.Submit',
    title,
    data: { ...payload, msteams: { type: 'messageBack', displayText: echo, value: payload } },
  };
}

const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value), 'utf8');

/** Cards in carousels of at most 10, each message under the size limit. */
function carousels(cards: AttachmentOut[]): OutgoingActivity[] {
  const groups: AttachmentOut[][] = [];
  let size = 0;
  for (const c of cards) {
    const last = groups[groups.length - 1];
    const s = bytes(c);
    if (last && last.length < TEAMS_LIMITS.cardsPerCarousel && size + s <= TEAMS_LIMITS.messageBytes) {
      last.push(c);
      size += s;
    } else {
      groups.push([c]);
      size = s;
    }
  }
  return groups.map((attachments) => ({
    type: 'message',
    ...(attachments.length > 1 ? { attachmentLayout: 'carousel' as const } : {}),
    attachments,
  }));
}

export function renderTeams(view: View, t: T): OutgoingActivity[] {
  const texts = view.messages.map((m) => say(t, m));
  const out: OutgoingActivity[] = [];
  // With choices, the last text becomes the question on the choices card, unless cards come between
  // them (tips, sources, links): then the texts lead and the choices card asks neutrally.
  const { feedback, rest } = splitFeedback(view.choices);
  const between =
    view.tips.length > 0 ||
    view.sources.length > 0 ||
    view.effects.includes('planLink') ||
    feedback.length > 0;
  const question = rest.length && !between ? texts.pop() : undefined;
  if (texts.length) out.push({ type: 'message', text: texts.join('\n\n'), textFormat: 'markdown' });
  const tipCards = view.tips.map((tip) => {
    const { title, body } = tipText(t, tip);
    return card(
      [
        { type: 'TextBlock', text: title, weight: 'Bolder', wrap: true },
        { type: 'TextBlock', text: body, wrap: true },
      ],
      [submit(tipButtonLabel(t, tip), tip.payload, labelled(t, tipButtonLabel(t, tip), title))],
    );
  });
  out.push(...carousels(tipCards));
  const sources = sourcesActivity(view, t);
  if (sources) out.push(sources);
  const links = planLinks(view, t);
  if (typeof links === 'string') out.push({ type: 'message', text: links });
  else if (links)
    out.push({
      type: 'message',
      attachments: [
        card(
          [],
          links.map((l) => ({ type: 'Action.OpenUrl', title: l.label, url: l.url })),
        ),
      ],
    });
  if (feedback.length)
    out.push({
      type: 'message',
      attachments: [feedbackCard(t, feedback, (c, title) => submit(title, c.payload).data) as AttachmentOut],
    });
  if (rest.length) {
    out.push({
      type: 'message',
      attachments: [
        card([
          { type: 'TextBlock', text: question ?? t('common:choosePrompt'), wrap: true },
          ...rest.map((c) => ({
            type: 'ActionSet',
            actions: [submit(t(c.labelKey), c.payload)],
          })),
        ]),
      ],
    });
  }
  return out;
}
