import type { Request, Response, Server } from 'restify';
import type { Engine } from '../engine/step';
import { LANGUAGES, type Lang, type PersistedConversation } from '../engine/types';
import type { Logger } from '../log/logger';
import type { UsageCounters } from '../usage/usage-counters';
import { buildPlanDocument } from '../plan/plan-document';
import type { PlanLinkSigner } from '../plan/plan-links';
import { renderPlanMarkdown } from '../plan/render-plan-markdown';
import type { T } from '../render/translate-view';
import type { Storage } from '../storage/storage-types';
import { PDF_CSP } from './security-headers';

export interface PlanRouteDeps {
  engine: Engine;
  storage: Pick<Storage, 'read'>;
  signer: PlanLinkSigner;
  translator: (
    lang: PersistedConversation['context']['lang'],
    country?: PersistedConversation['context']['country'],
  ) => T;
  now: () => number;
  logger: Logger;
  /** Anonymous usage counters: a download is counted (language, country, perspective; never whose). */
  usage?: Pick<UsageCounters, 'record'>;
}

/** GET /plan/<signed token>/<my-plan|mijn-plan|mon-plan>.pdf|.md: the conversation's plan; 404 when tampered, expired or deleted. */
export function registerPlanRoutes(server: Server, deps: PlanRouteDeps): void {
  /** The plan's file name in each language (common:plan.fileName) → that language. */
  const FILE_LANG = new Map<string, Lang>(
    LANGUAGES.map((l) => [deps.translator(l, null)('common:plan.fileName'), l]),
  );
  server.get('/plan/:token/:file', async (req: Request, res: Response) => {
    const token = String(req.params.token ?? '');
    const m = /^([a-z-]{1,30})\.(pdf|md)$/.exec(String(req.params.file ?? ''));
    // The file's name is in the user's language (my-plan, mijn-plan, mon-plan): so is the answer when the
    // plan is gone, even after "delete my data" left nothing to read the language from.
    const lang = m ? FILE_LANG.get(m[1] as string) : undefined;
    const key = lang ? deps.signer.verify(token, deps.now()) : null;
    const notFound = (): void => {
      res.send(404, {
        error: 'NotFound',
        message: deps.translator(lang ?? 'en', null)('common:plan.linkGone'),
      });
    };
    if (!m || !lang || !key) {
      notFound();
      return;
    }
    let item: PersistedConversation | undefined;
    try {
      item = (await deps.storage.read([key]))[key] as PersistedConversation | undefined;
    } catch (e) {
      // The store failed or timed out: say so plainly; the error's text (it may name the key) stays here.
      deps.logger.warn({ route: 'plan', err: { name: (e as Error).name } }, 'plan not read');
      res.header('Retry-After', '30');
      res.send(503, {
        error: 'Unavailable',
        message: 'The plan cannot be read right now. Please try again soon.',
      });
      return;
    }
    if (!item?.context) {
      notFound();
      return;
    }
    const t = deps.translator(item.context.lang, item.context.country);
    const doc = buildPlanDocument(deps.engine, item, t, new Date(deps.now()));
    deps.usage?.record([{ kind: 'plan', op: 'downloaded' }], {
      lang: item.context.lang,
      country: item.context.country ?? 'none',
      perspective: item.context.perspective ?? 'none',
      channel: 'download',
    });
    res.header('Cache-Control', 'no-store');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    const format = m[2] as 'pdf' | 'md';
    const fileName = `${m[1]}.${format}`;
    if (format === 'pdf') {
      // Loaded on the first download: pdfkit costs a quarter second at start-up.
      const { renderPlanPdf } = await import('../plan/render-plan-pdf');
      const body = await renderPlanPdf(doc, t);
      res.header('Content-Type', 'application/pdf');
      // Chrome's PDF viewer needs inline styles inside the PDF's page: no default-src here.
      res.setHeader('Content-Security-Policy', PDF_CSP);
      res.header('Content-Disposition', `inline; filename="${fileName}"`);
      res.sendRaw(200, body);
    } else {
      res.header('Content-Type', 'text/markdown; charset=utf-8');
      res.header('Content-Disposition', `inline; filename="${fileName}"`);
      res.sendRaw(200, renderPlanMarkdown(doc));
    }
    deps.logger.info({ route: 'plan', format }, 'plan downloaded');
  });
}
