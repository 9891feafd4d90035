import type { View } from '../engine/types';
import type { OutgoingActivity } from './activity-types';
import { labelled, planLinks, say, sourceLabel, tipButtonLabel, tipText, type T } from './translate-view';

/**
 * For channels without buttons (SMS, the terminal): plain text, tips and choices numbered.
 * Choices are numbered first, then the tips' save/remove buttons, as understandText expects.
 */
export function textLines(
  view: View,
  t: T,
): { lines: string[]; numbered: { label: string; payload: unknown }[] } {
  const lines = view.messages.map((m) => say(t, m));
  const numbered: { label: string; payload: unknown }[] = [];
  for (const tip of view.tips) {
    const { title, body } = tipText(t, tip);
    lines.push(`💡 ${title}\n${body}`);
  }
  if (view.sources.length)
    lines.push(
      `${t('common:sources')}\n${view.sources.map((s) => `- ${labelled(t, sourceLabel(t, s, view.lang), s.url)}`).join('\n')}`,
    );
  const links = planLinks(view, t);
  if (typeof links === 'string') lines.push(links);
  else if (links) lines.push(links.map((l) => labelled(t, l.label, l.url)).join('\n'));
  for (const c of view.choices) numbered.push({ label: t(c.labelKey), payload: c.payload });
  for (const tip of view.tips)
    numbered.push({
      label: labelled(t, tipButtonLabel(t, tip), tipText(t, tip).title),
      payload: tip.payload,
    });
  return { lines, numbered };
}

export function renderText(view: View, t: T): OutgoingActivity[] {
  const { lines, numbered } = textLines(view, t);
  const menu = numbered.map((n, i) => `${i + 1}. ${n.label}`).join('\n');
  const out: OutgoingActivity[] = lines.map((text) => ({ type: 'message', text, textFormat: 'plain' }));
  if (menu)
    out.push({
      type: 'message',
      text: `${menu}\n${t('common:choiceHint')}`,
      textFormat: 'plain',
      inputHint: 'expectingInput',
    });
  return out;
}
