import type { ChoiceView, MessageRef, SourceView, TipView, View } from '../engine/types';
import type { OutgoingActivity } from './activity-types';

/** A translate function fixed to one language (i18next getFixedT), with defaults such as `days`. */
export type T = (key: string, options?: Record<string, unknown>) => string;

export function say(t: T, m: MessageRef): string {
  let params: Record<string, unknown> | undefined = m.params;
  if (m.parts) params = { ...params, text: m.parts.map((p) => say(t, p)).join('\n\n') };
  if (m.nested)
    params = { ...params, ...Object.fromEntries(Object.entries(m.nested).map(([k, v]) => [k, say(t, v)])) };
  if (!m.context) return t(m.key, params);
  return t(m.key, { ...(params ?? {}), context: m.context });
}

/** A tip's title and body; a tip already in the plan is marked ✓ wherever it is shown. */
export function tipText(t: T, tip: TipView): { title: string; body: string } {
  const title = t(tip.titleKey);
  return {
    title: tip.saved ? `✓ ${title}` : title,
    body: t(tip.bodyKey, tip.context ? { context: tip.context } : undefined),
  };
}

export function tipButtonLabel(t: T, tip: TipView): string {
  return t(tip.saved ? 'common:tip.remove' : 'common:tip.save');
}

/**
 * A source link's text: the publisher and the page ("Fondation contre le Cancer — Reprendre le travail"),
 * and the page's language when it is not the reader's ("(in het Frans)").
 */
export function sourceLabel(
  t: T,
  source: Pick<SourceView, 'publisher' | 'title' | 'lang'>,
  readerLang: string,
): string {
  const label = t('common:sourceLabel', { publisher: source.publisher, title: source.title });
  return source.lang === readerLang ? label : `${label} ${t(SOURCE_IN[source.lang])}`;
}

/** "(in het Frans)": the language of a page that is not in the reader's language. */
const SOURCE_IN: Record<SourceView['lang'], string> = {
  en: 'common:sourceIn.en',
  nl: 'common:sourceIn.nl',
  fr: 'common:sourceIn.fr',
};

/** "More information" as a markdown list of links, or nothing when the view cites no sources. */
export function sourcesActivity(view: View, t: T): OutgoingActivity | undefined {
  if (!view.sources.length) return undefined;
  const lines = view.sources.map((s) => `- [${markdownText(sourceLabel(t, s, view.lang))}](${s.url})`);
  return { type: 'message', textFormat: 'markdown', text: `${t('common:sources')}\n\n${lines.join('\n')}` };
}

/** Link text inside markdown: brackets would end the link early. */
function markdownText(text: string): string {
  return text.replace(/[[\]]/g, (c) => `\\${c}`);
}

/** "Label: value" with the language's own punctuation (a space before the colon in French). */
export function labelled(t: T, label: string, value: string): string {
  return t('common:labelled', { label, value });
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

/** The 👍 / 👎 of "Was this helpful?" (not its reasons, which answer a question): shown as one line. */
export function splitFeedback(choices: ChoiceView[]): { feedback: ChoiceView[]; rest: ChoiceView[] } {
  const isVote = (c: ChoiceView) => c.payload.kind === 'feedback' && !c.payload.reason;
  return { feedback: choices.filter(isVote), rest: choices.filter((c) => !isVote(c)) };
}

/** "Was this helpful? 👍 👎" as a small Adaptive Card: one line of text and two buttons. */
export function feedbackCard(t: T, feedback: ChoiceView[], data: (c: ChoiceView, title: string) => unknown) {
  return {
    contentType: 'application/vnd.microsoft.card.adaptive',
    content: {
      type: 'AdaptiveCard',
      $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
      version: '1.5',
      body: [
        {
          type: 'ColumnSet',
          columns: [
            {
              type: 'Column',
              width: 'stretch',
              verticalContentAlignment: 'Center',
              items: [{ type: 'TextBlock', text: t('common:feedback.ask'), wrap: true, isSubtle: true }],
            },
            {
              type: 'Column',
              width: 'auto',
              items: [
                {
                  type: 'ActionSet',
                  actions: feedback.map((c) => {
                    const title = t(c.labelKey);
                    return { type: 'Action.Submit', title, data: data(c, title) };
                  }),
                },
              ],
            },
          ],
        },
      ],
    },
  };
}
