import crypto from 'node:crypto';
import type { Request, Response, Server } from 'restify';
import type { ContentIndex } from '../engine/content-bundle';
import type { Storage } from '../storage/storage-types';
import { dayOf, readBuckets } from '../usage/usage-counters';
import { buildUsageReport, renderUsageReportHtml } from '../usage/usage-report';

/**
 * GET /admin/usage[?from=YYYY-MM-DD&to=…&lang=nl&country=BE&format=json]: the usage report, for content owners, only when
 * ADMIN_TOKEN is set and sent as "Authorization: Bearer <token>" (else 404: the route does not exist).
 * The report holds anonymous counts only; small counts are shown as "< 5".
 */
export interface UsageRouteDeps {
  token?: string;
  store: Storage;
  index: ContentIndex;
  titleOf: (tip: string) => string;
  now: () => number;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 24 * 60 * 60 * 1000;
const MAX_DAYS = 731;

function sameToken(given: string, expected: string): boolean {
  const a = crypto.createHash('sha256').update(given).digest();
  const b = crypto.createHash('sha256').update(expected).digest();
  return crypto.timingSafeEqual(a, b);
}

export function registerUsageRoute(server: Server, deps: UsageRouteDeps): void {
  server.get('/admin/usage', async (req: Request, res: Response) => {
    res.header('Cache-Control', 'no-store');
    if (!deps.token) {
      res.send(404, { error: 'NotFound', message: 'No such page.' });
      return;
    }
    const auth = String(req.headers.authorization ?? '');
    const given = auth.startsWith('Bearer ') ? auth.slice(7) : '';
    if (!given || !sameToken(given, deps.token)) {
      res.header('WWW-Authenticate', 'Bearer');
      res.send(401, {
        error: 'Unauthorized',
        message: 'Send the admin token as "Authorization: Bearer <token>".',
      });
      return;
    }
    const q = new URL(req.url ?? '/', 'http://localhost').searchParams;
    const to = q.get('to') ?? dayOf(deps.now());
    const from = q.get('from') ?? dayOf(Date.parse(`${to}T00:00:00Z`) - 29 * DAY_MS);
    const span = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS;
    // Real days, at most two years: a report never reads an unbounded number of buckets.
    if (!DAY.test(from) || !DAY.test(to) || !(span >= 0 && span <= MAX_DAYS)) {
      res.send(400, {
        error: 'BadRequest',
        message: `from and to are days (YYYY-MM-DD), from ≤ to, at most ${MAX_DAYS} days apart.`,
      });
      return;
    }
    const filter = { lang: q.get('lang') ?? undefined, country: q.get('country') ?? undefined };
    const report = buildUsageReport(
      await readBuckets(deps.store, from, to),
      deps.index,
      { from, to },
      deps.titleOf,
      filter,
    );
    if (q.get('format') === 'json') {
      res.send(200, report);
      return;
    }
    res.header('Content-Type', 'text/html; charset=utf-8');
    res.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:");
    res.sendRaw(200, await renderUsageReportHtml(report));
  });
}
