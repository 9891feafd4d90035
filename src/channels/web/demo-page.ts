import type { i18n } from 'i18next';
import type { Country, Lang } from '../../engine/types';
import { LANGUAGES } from '../../engine/types';

/**
 * The words of the web pages, from locales/<lng>/web.json. Keys are written out here (and only
 * here) so the content checks see that each one is used.
 */
export const WIDGET_KEYS = {
  open: 'web:widget.open',
  title: 'web:widget.title',
  close: 'web:widget.close',
  loading: 'web:widget.loading',
  error: 'web:widget.error',
  retry: 'web:widget.retry',
  notAvailable: 'web:widget.notAvailable',
  deleted: 'web:widget.deleted',
  notRestored: 'web:widget.notRestored',
  note: 'web:widget.note',
  placeholder: 'web:widget.placeholder',
  // Web Chat's own screen-reader words, in the bot's register (its Dutch says "U zei").
  youSaid: 'web:widget.youSaid',
  youAttached: 'web:widget.youAttached',
} as const;

const PAGE_KEYS = {
  title: 'web:page.title',
  lead: 'web:page.lead',
  whatTitle: 'web:page.whatTitle',
  what: 'web:page.what',
  advice: 'web:page.advice',
  privacy: 'web:page.privacy',
  chatHint: 'web:page.chatHint',
  embedTitle: 'web:page.embedTitle',
  embedText: 'web:page.embedText',
  embedAttributes: 'web:page.embedAttributes',
  embedOrigins: 'web:page.embedOrigins',
  languages: 'web:page.languages',
  languageName: 'web:page.languageName',
} as const;

export type WidgetStrings = Record<Lang, Record<keyof typeof WIDGET_KEYS, string>>;

/** The widget's words in every language (embedded in /embed.js, which picks one by data-lang). */
export function widgetStrings(i18n: i18n): WidgetStrings {
  const out = {} as WidgetStrings;
  for (const lng of LANGUAGES) {
    const t = i18n.getFixedT(lng);
    out[lng] = Object.fromEntries(
      Object.entries(WIDGET_KEYS).map(([name, key]) => [name, t(key) as string]),
    ) as WidgetStrings[Lang];
  }
  return out;
}

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

export interface DemoPageInput {
  lang: Lang;
  country?: Country;
  /** The bot's public base URL, for the embed snippet. */
  base: string;
  /** The CSP nonce of this response (Web Chat puts it on the styles it adds). */
  nonce: string;
}

/** The demo page at `/`: what the bot is, how to embed it, and the chat itself, open. */
export function renderDemoPage(i18n: i18n, input: DemoPageInput): string {
  const t = (key: string) => escapeHtml(i18n.getFixedT(input.lang)(key) as string);
  const k = PAGE_KEYS;
  const query = (lng: Lang) => `/?lang=${lng}${input.country ? `&amp;country=${input.country}` : ''}`;
  const languages = LANGUAGES.map((lng) => {
    const name = escapeHtml(i18n.getFixedT(lng)(k.languageName) as string);
    const current = lng === input.lang ? ' aria-current="page"' : '';
    return `<li><a href="${query(lng)}" lang="${lng}" hreflang="${lng}"${current}>${name}</a></li>`;
  }).join('');
  const snippet = escapeHtml(
    `<script src="${input.base}/embed.js" data-lang="${input.lang}" data-country="${input.country ?? 'BE'}" defer></script>`,
  );
  // The page's own chat uses the country its snippet shows (Belgium unless ?country= says otherwise).
  const country = ` data-country="${input.country ?? 'BE'}"`;
  return `<!doctype html>
<html lang="${input.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t(k.title)}</title>
<link rel="icon" href="/webchat/icon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/webchat/page.css">
</head>
<body>
<header class="site-header">
<p class="brand">I-KNOW-HOW</p>
<nav class="languages" aria-label="${t(k.languages)}"><ul>${languages}</ul></nav>
</header>
<main id="main">
<h1>${t(k.title)}</h1>
<p class="lead">${t(k.lead)}</p>
<p>${t(k.chatHint)}</p>
<section aria-labelledby="what">
<h2 id="what">${t(k.whatTitle)}</h2>
<p>${t(k.what)}</p>
<p>${t(k.privacy)}</p>
</section>
<section aria-labelledby="embed">
<h2 id="embed">${t(k.embedTitle)}</h2>
<p>${t(k.embedText)}</p>
<pre><code>${snippet}</code></pre>
<p>${t(k.embedAttributes)}</p>
<p>${t(k.embedOrigins)}</p>
</section>
</main>
<footer><p>${t(k.advice)}</p></footer>
<script src="/embed.js" data-lang="${input.lang}"${country} data-open="true" nonce="${input.nonce}" defer></script>
</body>
</html>
`;
}
