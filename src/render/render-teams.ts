import type { View } from '../engine/types';
import type { OutgoingActivity } from './activity-types';
import { planLinks, say, sourcesActivity, tipButtonLabel, tipText, type T } from './translate-view';

/**
 * Microsoft Teams: Adaptive Cards 1.5 with Action.Submit (object data arrives as activity.value).
 * Suggested actions cannot be combined with an attachment there, and show at most 3, so the choices
 * go into the card as buttons.
 */
const CARD = 'application/vnd.microsoft.card.adaptive';
const SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';

function card(body: unknown[], actions: unknown[]) {
  return {
    contentType: CARD,
    content: { type: 'AdaptiveCard', $schema: SCHEMA, version: '1.5', body, actions },
  };
}

export function renderTeams(view: View, t: T): OutgoingActivity[] {
  const texts = view.messages.map((m) => say(t, m));
  const out: OutgoingActivity[] = [];
  const lastText = view.choices.length ? texts.pop() : undefined;
  for (const text of texts) out.push({ type: 'message', text, textFormat: 'markdown' });
  for (const tip of view.tips) {
    const { title, body } = tipText(t, tip);
    out.push({
      type: 'message',
      attachments: [
        card(
          [
            { type: 'TextBlock', text: title, weight: 'Bolder', wrap: true },
            { type: 'TextBlock', text: body, wrap: true },
          ],
          [{ type: 'Action.Submit', title: tipButtonLabel(t, tip), data: tip.payload }],
        ),
      ],
    });
  }
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
  if (view.choices.length) {
    out.push({
      type: 'message',
      attachments: [
        card(
          [{ type: 'TextBlock', text: lastText ?? t('common:choiceHint'), wrap: true }],
          view.choices.map((c) => ({ type: 'Action.Submit', title: t(c.labelKey), data: c.payload })),
        ),
      ],
    });
  }
  return out;
}
