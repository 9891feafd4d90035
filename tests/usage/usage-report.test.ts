import fs from 'node:fs';
import path from 'node:path';
import { dayOf, readBuckets } from '../../src/usage/usage-counters';
import { buildUsageReport, renderUsageReportHtml, type UsageReport } from '../../src/usage/usage-report';
import { hasBrowser, launch, OUTPUT } from '../e2e/browser';
import { message, startBot, tempDir, type Reply, type TestBot } from '../helpers/http-bot';

/**
 * The usage report from a generated month of traffic: a script drives the bot over HTTP (a clock moved a day
 * at a time, conversations in every perspective, language and country, tips saved, tools, text not
 * understood, plans downloaded), then the report is built from the counters, served at /admin/usage with the
 * token, written to test-output/usage/report.html and, with Chromium, screenshot to report.png.
 */
jest.setTimeout(180_000);
const DAY_MS = 24 * 60 * 60 * 1000;
const START = Date.parse('2026-11-01T09:00:00Z');
const TOKEN = 'usage-report-admin-token-0123456789';

let clock = START;
let bot: TestBot;
beforeAll(async () => {
  bot = await startBot(
    { ADMIN_TOKEN: TOKEN, RATE_LIMIT_PER_CONVERSATION: '0', RATE_LIMIT_PER_ADDRESS: '0' },
    tempDir(),
    {
      now: () => clock,
    },
  );
});
afterAll(async () => {
  await bot.close();
});

/** A small seeded generator: the same month every run. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const choicesOf = (replies: Reply[]) =>
  [...replies].reverse().find((r) => r.suggestedActions)?.suggestedActions?.actions ?? [];
/** The 👍 / 👎 of the "Was this helpful?" card. */
const voteButtons = (replies: Reply[]) =>
  replies
    .flatMap((r) => r.attachments ?? [])
    .filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')
    .flatMap((a) => JSON.stringify(a.content).match(/"data":\{"kind":"feedback"[^}]*\}/g) ?? [])
    .map((d) => JSON.parse(d.slice(7)) as { kind: 'feedback'; vote: string });
const saveButtons = (replies: Reply[]) =>
  replies
    .flatMap((r) => r.attachments ?? [])
    .flatMap((a) => (a.content.buttons as { title: string; value: { op?: string } }[] | undefined) ?? [])
    .filter((b) => b.value?.op === 'save');

async function month(): Promise<number> {
  const random = rng(2026);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)] as T;
  let turns = 0;
  for (let day = 0; day < 30; day++) {
    clock = START + day * DAY_MS;
    const conversations = 4 + Math.floor(random() * 8);
    for (let n = 0; n < conversations; n++) {
      const c = `month-${day}-${n}`;
      const locale = pick(['en-GB', 'nl-BE', 'nl-NL', 'fr-BE', 'fr-FR']);
      const channel = pick(['emulator', 'emulator', 'msteams-like']);
      const send = async (fields: Record<string, unknown>) => {
        turns++;
        const r = await bot.send(
          message(c, { locale, channelId: channel === 'msteams-like' ? 'webchat' : 'emulator', ...fields }),
        );
        expect(r.status).toBe(200);
        return r.replies;
      };
      await send({ text: 'hi' });
      await send({ text: String(1 + Math.floor(random() * 4)) }); // a perspective
      let replies = await send({ text: String(1 + Math.floor(random() * 4)) }); // a country
      const steps = 2 + Math.floor(random() * 5);
      for (let s = 0; s < steps; s++) {
        const roll = random();
        const saves = saveButtons(replies);
        const votes = voteButtons(replies);
        if (roll < 0.15 && votes.length) {
          const vote = pick(votes);
          replies = await send({ value: vote });
          // After 👎, most give a reason (the reasons come first among the choices).
          const reasons = choicesOf(replies).filter((a) => (a.value as { reason?: string }).reason);
          if (vote.vote === 'down' && reasons.length && random() < 0.7)
            replies = await send({ value: pick(reasons).value });
        } else if (roll < 0.35 && saves.length) replies = await send({ value: pick(saves).value });
        else if (roll < 0.45) replies = await send({ text: 'zzz qwerty blorp' });
        else {
          const actions = choicesOf(replies);
          if (!actions.length) break;
          replies = await send({ value: pick(actions).value });
        }
      }
      if (random() < 0.3) {
        const links = (await send({ text: 'download my plan' }))
          .map((r) => r.text ?? '')
          .join(' ')
          .match(/http:\/\/[^\s)]+\.md/);
        if (links)
          expect((await fetch(links[0].replace(/^http:\/\/localhost:\d+/, bot.url))).status).toBe(200);
      }
    }
  }
  await bot.app.usage.flush();
  return turns;
}

let report: UsageReport;

it('builds every section of the report from a generated month of traffic', async () => {
  const turns = await month();
  const from = dayOf(START);
  const to = dayOf(START + 29 * DAY_MS);
  const buckets = await readBuckets(bot.app.usageStore, from, to);
  expect(buckets).toHaveLength(30);
  const t = bot.app.content.i18n.getFixedT('en');
  report = buildUsageReport(buckets, bot.app.content.engine.index, { from, to }, (tip) =>
    String(t(`tips:${tip}.title`)),
  );
  expect(report.conversationsPerDay.length).toBeGreaterThanOrEqual(30);
  expect(report.funnel.filter((f) => f.count !== '< 5' && f.count > 0).length).toBeGreaterThan(4);
  expect(report.savedTips.length).toBeGreaterThan(0);
  expect(report.tools.length).toBeGreaterThan(0);
  expect(report.notUnderstood.length).toBeGreaterThan(0);
  expect(report.leastHelpful.length).toBeGreaterThan(0);
  expect(report.byLanguageAndCountry.length).toBeGreaterThan(3);
  // Small counts are never shown as such.
  const all = JSON.stringify(report);
  expect(all).toContain('"< 5"');
  expect(all).not.toMatch(/"(count|saved|shown|started|completed|conversations)":[1-4]\b/);
  const html = await renderUsageReportHtml(report);
  expect((html.match(/<svg/g) ?? []).length).toBe(7);
  expect((html.match(/<table>/g) ?? []).length).toBe(7);
  expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
  fs.mkdirSync(path.join(OUTPUT, '..', 'usage'), { recursive: true });
  fs.writeFileSync(path.join(OUTPUT, '..', 'usage', 'report.html'), html);
  console.log(
    `usage report: a month of ${turns} turns; ${report.conversationsPerDay.length} day×channel rows`,
  );
});

it('splits every section by language and country when asked', async () => {
  const from = dayOf(START);
  const to = dayOf(START + 29 * DAY_MS);
  const buckets = await readBuckets(bot.app.usageStore, from, to);
  const t = bot.app.content.i18n.getFixedT('en');
  const nlBE = buildUsageReport(
    buckets,
    bot.app.content.engine.index,
    { from, to },
    (tip) => String(t(`tips:${tip}.title`)),
    {
      lang: 'nl',
      country: 'BE',
    },
  );
  expect(nlBE.byLanguageAndCountry.map((x) => [x.lang, x.country])).toEqual([['nl', 'BE']]);
  expect(nlBE.filter).toEqual({ lang: 'nl', country: 'BE' });
  const total = (r: UsageReport) => r.funnel.reduce((n, f) => n + (f.count === '< 5' ? 0 : f.count), 0);
  expect(total(nlBE)).toBeLessThan(total(report));
  const html = await (
    await fetch(`${bot.url}/admin/usage?from=${from}&to=${to}&lang=nl&country=BE`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    })
  ).text();
  expect(html).toContain('only language nl, country BE');
});

it('serves the report at /admin/usage only with the admin token', async () => {
  const get = (auth?: string, q = '') =>
    fetch(`${bot.url}/admin/usage${q}`, { headers: auth ? { authorization: auth } : {} });
  expect((await get()).status).toBe(401);
  expect((await get('Bearer wrong-token-wrong-token-wrong')).status).toBe(401);
  const html = await get(`Bearer ${TOKEN}`, '?from=2026-11-01&to=2026-11-30');
  expect(html.status).toBe(200);
  expect(await html.text()).toContain('<svg');
  const json = await get(`Bearer ${TOKEN}`, '?from=2026-11-01&to=2026-11-30&format=json');
  expect(((await json.json()) as UsageReport).days).toBe(30);
  expect((await get(`Bearer ${TOKEN}`, '?from=nope')).status).toBe(400);
  expect((await get(`Bearer ${TOKEN}`, '?from=0001-01-01&to=2026-11-30')).status).toBe(400); // at most 731 days
  expect((await get(`Bearer ${TOKEN}`, '?from=2026-11-01&to=2026-99-99')).status).toBe(400);
  const without = await startBot();
  try {
    expect(
      (await fetch(`${without.url}/admin/usage`, { headers: { authorization: `Bearer ${TOKEN}` } })).status,
    ).toBe(404);
  } finally {
    await without.close();
  }
});

(hasBrowser ? it : it.skip)('renders in a browser (screenshot test-output/usage/report.png)', async () => {
  const browser = await launch();
  try {
    const page = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
    await page.goto(`file://${path.join(OUTPUT, '..', 'usage', 'report.html')}`);
    expect(await page.locator('svg').count()).toBe(7);
    await page.screenshot({ path: path.join(OUTPUT, '..', 'usage', 'report.png'), fullPage: true });
  } finally {
    await browser.close();
  }
});
if (!hasBrowser) console.warn('SKIPPED: usage report screenshot: no Chromium (apt-get install chromium)');
