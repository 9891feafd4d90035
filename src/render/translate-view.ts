import type { MessageRef, TipView, View } from '../engine/types';
import type { OutgoingActivity } from './activity-types';

/** A translate function fixed to one language (i18next getFixedT), with defaults such as `days`. */
export type T = (key: string, options?: Record<string, unknown>) => string;

export function say(t: T, m: MessageRef): string {
  return t(m.key, { ...(m.params ?? {}), ...(m.context ? { context: m.context } : {}) });
}

export function tipText(t: T, tip: TipView): { title: string; body: string } {
  return { title: t(tip.titleKey), body: t(tip.bodyKey, tip.context ? { context: tip.context } : {}) };
}

export function tipButtonLabel(t: T, tip: TipView): string {
  return t(tip.saved ? 'common:tip.remove' : 'common:tip.save');
}

/** "More information" lines: one per fact, its source addresses. */
export function sourceLines(view: View): string[] {
  return [...new Set(view.sources.flatMap((s) => s.urls))];
}

/** "More information" as a markdown list of links, or nothing when the view cites no sources. */
export function sourcesActivity(view: View, t: T): OutgoingActivity | undefined {
  const urls = sourceLines(view);
  if (!urls.length) return undefined;
  return {
    type: 'message',
    textFormat: 'markdown',
    text: `${t('common:sources')}:\n\n${urls.map((u) => `- [${u}](${u})`).join('\n')}`,
  };
}

/** The plan download links, when the view asked for them; or the reason there are none. */
export function planLinks(view: View, t: T): { label: string; url: string }[] | string | undefined {
  if (!view.effects.includes('planLink')) return undefined;
  if (!view.links) return t('common:plan.noDownload');
  return [
    { label: t('common:plan.pdf'), url: view.links.pdf },
    { label: t('common:plan.markdown'), url: view.links.markdown },
  ];
}
