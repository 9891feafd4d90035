/*
 * npm run content:sample -- --lang nl [--n 40] [--seed 2026-12-04] [--out sample.md]
 * Draws tips at random (reproducibly, from the seed) for an independent review: each tip as a reader of that
 * language sees it in one of the countries where the language is read (nl: BE, NL; fr: BE, FR; en: UK), with
 * the claims of the facts it cites and its "more information" links. The reviewer judges each drawn tip.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { projectRoot } from '../content/build-content';
import { createI18n } from '../content/i18n';
import { loadContent } from '../content/load-content';
import { loadLocales } from '../content/locales';
import { indexContent } from '../engine/content-bundle';
import { LANGUAGES, type Country, type Lang } from '../engine/types';
import { sourcesFor } from '../engine/views';
import { sourceLabel } from '../render/translate-view';

/** The countries whose readers use each language. */
const READERS: Record<Lang, Country[]> = { en: ['UK'], nl: ['BE', 'NL'], fr: ['BE', 'FR'] };

/** mulberry32: a small seeded generator, so the same seed draws the same sample (no library needed for 6 lines). */
function seeded(seedText: string): () => number {
  let a = [...seedText].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 2654435761) >>> 0, 1779033703);
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const { values } = parseArgs({
  options: {
    lang: { type: 'string' },
    n: { type: 'string', default: '40' },
    seed: { type: 'string', default: new Date().toISOString().slice(0, 10) },
    out: { type: 'string' },
  },
});
const lang = values.lang as Lang;
if (!(LANGUAGES as readonly string[]).includes(lang ?? '')) {
  console.error(`content:sample: --lang must be one of ${LANGUAGES.join(', ')}.`);
  process.exit(2);
}
const n = Number(values.n);
const root = projectRoot();
const bundle = loadContent(path.join(root, 'flows'));
const index = indexContent(bundle);
const i18n = createI18n(loadLocales(path.join(root, 'locales')));
const fixed = i18n.getFixedT(lang);

const pairs = bundle.tips.flatMap((tip) =>
  READERS[lang].filter((c) => tip.countries.includes(c)).map((country) => ({ tip, country })),
);
const random = seeded(`${values.seed}/${lang}`);
for (let i = pairs.length - 1; i > 0; i--) {
  const j = Math.floor(random() * (i + 1));
  [pairs[i], pairs[j]] = [pairs[j]!, pairs[i]!];
}
const drawn = pairs.slice(0, n);

const lines = [
  `# ${drawn.length} tips drawn at random for an independent ${lang} review`,
  '',
  `Seed \`${values.seed}\`, from ${pairs.length} tip × country pairs read in ${lang} (${READERS[lang].join(', ')}).`,
  'Each tip as the reader sees it, the claims of the facts it cites, and its "more information" links.',
  '',
];
drawn.forEach(({ tip, country }, i) => {
  const t = (key: string, options: Record<string, unknown> = {}) =>
    fixed(key, { context: country, ...options }) as string;
  lines.push(`## ${i + 1}. \`${tip.id}\` — ${country}, ${tip.perspective}, ${tip.phase}`, '');
  lines.push(`**${t(`tips:${tip.id}.title`)}**`, '', t(`tips:${tip.id}.body`), '');
  // As the bot does: a tip's links come from the facts of the reader's country; other countries' facts are not shown.
  const facts = tip.facts.filter((f) => !/^(BE|NL|FR|UK)-/.test(f) || f.startsWith(`${country}-`));
  for (const f of facts) lines.push(`- fact ${f}: ${index.facts[f]?.claim ?? '(missing)'}`);
  const links = sourcesFor(
    index,
    facts.filter((f) => f.startsWith(`${country}-`)),
    { lang, perspective: tip.perspective },
  );
  for (const s of links) lines.push(`- link: ${sourceLabel(t, s, lang)} <${s.url}>`);
  lines.push('');
});
const text = lines.join('\n');
if (values.out) fs.writeFileSync(values.out, text);
else console.log(text);
