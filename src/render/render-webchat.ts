import type { View } from '../engine/types';
import type { CardActionOut, OutgoingActivity } from './activity-types';
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
 * Web Chat, Direct Line and the Emulator: one bubble per message, tips as a carousel of hero cards
 * with a save/remove button, sources as links, and the choices as suggested actions on the last
 * activity. Buttons are messageBack: `value` carries the payload (the bot reads it, never the text), and
 * the label goes in `displayText` and `text` too: Web Chat shows no bubble for a message without text, so
 * without it the user's choice would not appear in the transcript.
 */
export function renderWebChat(view: View, t: T): OutgoingActivity[] {
  const out: OutgoingActivity[] = view.messages.map((m) => ({
    type: 'message',
    text: say(t, m),
    textFormat: 'markdown',
  }));
  if (view.tips.length) {
    out.push({
      type: 'message',
      attachmentLayout: 'carousel',
      attachments: view.tips.map((tip) => {
        const { title, body } = tipText(t, tip);
        const label = tipButtonLabel(t, tip);
        return {
          contentType: 'application/vnd.microsoft.card.hero',
          content: {
            title,
            text: body,
            buttons: [
              {
                type: 'messageBack',
                title: label,
                displayText: labelled(t, label, title),
                text: labelled(t, label, title),
                value: tip.payload,
              },
            ],
          },
        };
      }),
    });
  }
  const sources = sourcesActivity(view, t);
  if (sources) out.push(sources);
  const links = planLinks(view, t);
  if (typeof links === 'string') out.push({ type: 'message', text: links });
  else if (links)
    out.push({
      type: 'message',
      textFormat: 'markdown',
      text: links.map((l) => `[${l.label}](${l.url})`).join(' · '),
    });
  // "Was this helpful?" as one small line before the choices; the choices stay where they always are.
  const { feedback, rest } = splitFeedback(view.choices);
  if (feedback.length)
    out.push({ type: 'message', attachments: [feedbackCard(t, feedback, (c) => c.payload)] });
  const actions: CardActionOut[] = rest.map((c) => {
    const title = t(c.labelKey);
    return { type: 'messageBack', title, displayText: title, text: title, value: c.payload };
  });
  if (actions.length) {
    const last = out[out.length - 1];
    if (last && !last.attachments) last.suggestedActions = { actions };
    // After a carousel the buttons need a bubble of their own: a neutral question (only the terminal numbers choices).
    else out.push({ type: 'message', text: t('common:choosePrompt'), suggestedActions: { actions } });
    (out[out.length - 1] as OutgoingActivity).inputHint = 'expectingInput';
  }
  return out;
}
