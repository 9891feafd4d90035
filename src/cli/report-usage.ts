/*
 * The usage report for content owners, from the anonymous counters:
 *   npm run report:usage -- [--from 2026-01-01] [--to 2026-01-31] [--out report.html] [--format json]
 *                            [--lang nl] [--country BE]   (every section for that language and/or country)
 * Default: the last 30 days, HTML to usage-report.html. Reads the store the bot is configured with
 * (DATA_DIR/usage, or MongoDB with MONGODB_URI), as the running bot does.
 */
import fs from 'node:fs';
import { openUsageStore } from '../app';
import { buildContent } from '../content/build-content';
import { readConfig } from '../config';
import { createLogger } from '../log/logger';
import { dayOf, readBuckets } from '../usage/usage-counters';
import { buildUsageReport, renderUsageReportHtml } from '../usage/usage-report';

const DAY_MS = 24 * 60 * 60 * 1000;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const to = arg('to') ?? dayOf(Date.now());
  const from = arg('from') ?? dayOf(Date.parse(`${to}T00:00:00Z`) - 29 * DAY_MS);
  if (!DAY.test(from) || !DAY.test(to) || from > to)
    throw new Error('--from and --to are days (YYYY-MM-DD), from ≤ to');
  const format = arg('format') ?? 'html';
  if (format !== 'html' && format !== 'json') throw new Error('--format is html or json');
  const out = arg('out') ?? `usage-report.${format}`;
  const config = readConfig();
  const store = openUsageStore(config, createLogger('warn'));
  try {
    const content = buildContent();
    const t = content.i18n.getFixedT('en');
    const report = buildUsageReport(
      await readBuckets(store, from, to),
      content.engine.index,
      { from, to },
      (tip) => String(t(`tips:${tip}.title`)),
      { lang: arg('lang'), country: arg('country') },
    );
    fs.writeFileSync(
      out,
      format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : await renderUsageReportHtml(report),
    );
    console.log(`usage report ${from} to ${to}: ${report.days} day(s) with activity → ${out}`);
  } finally {
    await store.close();
  }
}

main().catch((e: unknown) => {
  console.error('report:usage:', e instanceof Error ? e.message : e);
  process.exit(1);
});
