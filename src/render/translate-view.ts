import type { MessageRef, TipView, View } from '../engine/types';
import type { OutgoingActivity } from './activity-types';

/** A translate function fixed to one language (i18next getFixedT), with defaults such as `days`. */
export type T = (key: string, options?: Record<string, unknown>) => string;

export function say(t: T, m: MessageRef): string {
  if (!m.context) return t(m.key, m.params);
  return t(m.key, { ...(m.params ?? {}), context: m.context });
}

export function tipText(t: T, tip: TipView): { title: string; body: string } {
  return { title: t(tip.titleKey), body: t(tip.bodyKey, tip.context ? { context: tip.context } : undefined) };
}

export function tipButtonLabel(t: T, tip: TipView): string {
  return t(tip.saved ? 'common:tip.remove' : 'common:tip.save');
}

/** "More information" lines: one per fact, its source addresses. */
export function sourceLines(view: View): string[] {
  return [...new Set(view.sources.flatMap((s) => s.urls))];
}

/**
 * Short link texts: the site's name (www. dropped), numbered where one site gives several sources.
 * A long address in a chat bubble is hard to read, and a screen reader spells it out.
 */
export function sourceLabels(urls: string[]): string[] {
  const hosts = urls.map((u) => {
    try {
      return new URL(u).hostname.replace(/^www\./, '');
    } catch {
      return u;
    }
  });
  const seen = new Map<string, number>();
  const total = new Map<string, number>();
  for (const h of hosts) total.set(h, (total.get(h) ?? 0) + 1);
  return hosts.map((h) => {
    if ((total.get(h) ?? 0) < 2) return h;
    const n = (seen.get(h) ?? 0) + 1;
    seen.set(h, n);
    return `${h} (${n})`;
  });
}

/** "More information" as a markdown list of links, or nothing when the view cites no sources. */
export function sourcesActivity(view: View, t: T): OutgoingActivity | undefined {
  const urls = sourceLines(view);
  if (!urls.length) return undefined;
  const labels = sourceLabels(urls);
  return {
    type: 'message',
    textFormat: 'markdown',
    text: `${t('common:sources')}:\n\n${urls.map((u, i) => `- [${labels[i]}](${u})`).join('\n')}`,
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
