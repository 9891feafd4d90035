import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import restify, { type Request, type Response, type Server } from 'restify';
import type { CloudAdapter } from 'botbuilder';
import { setCorrelationId } from '../bot/correlation';
import type { RoadmapBot } from '../bot/roadmap-bot';
import type { Logger } from '../log/logger';
import type { Metrics } from '../observability/metrics';
import type { ManagedStorage } from '../storage/storage-types';
import { trackInFlight, type InFlight } from './in-flight';
import { sendTooManyRequests, type RequestLimits } from './request-limits';
import { useSecurityHeaders } from './security-headers';

export interface ServerDeps {
  adapter: CloudAdapter;
  bot: RoadmapBot;
  storage: Pick<ManagedStorage, 'ping'>;
  logger: Logger;
  metrics: Metrics;
  limits: RequestLimits;
  /** When set, /metrics needs "Authorization: Bearer <token>". */
  metricsToken?: string;
  /** An app id is configured: /api/messages needs a Bot Framework token. */
  authRequired: boolean;
}

export interface HttpServer {
  server: Server;
  inFlight: InFlight;
}

export const MAX_BODY_BYTES = 256 * 1024;

function isActivityLike(body: unknown): body is { type: string } {
  return (
    typeof body === 'object' &&
    body !== null &&
    !Array.isArray(body) &&
    typeof (body as { type?: unknown }).type === 'string' &&
    (body as { type: string }).type.length > 0
  );
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Compares in constant time (hashes of equal length), so the token cannot be guessed byte by byte. */
function sameSecret(given: string | undefined, expected: string): boolean {
  return given !== undefined && timingSafeEqual(digest(given), digest(expected));
}

function conversationIdOf(body: { conversation?: unknown }): string | undefined {
  const c = body.conversation;
  if (typeof c !== 'object' || c === null) return undefined;
  const id = (c as { id?: unknown }).id;
  return typeof id === 'string' ? id : undefined;
}

/** The HTTP app: /api/messages for Bot Framework channels, /healthz, /readyz and /metrics. Does not listen. */
export function createServer(deps: ServerDeps): HttpServer {
  // maxParamLength: signed plan links carry the conversation key, and Teams conversation ids are long.
  const server = restify.createServer({
    name: 'iknowhow-roadmap-bot',
    handleUncaughtExceptions: false,
    maxParamLength: 4096,
  });
  const inFlight = trackInFlight(server);
  useSecurityHeaders(server);
  server.use(restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false, mapFiles: false }));

  server.post('/api/messages', async (req: Request, res: Response) => {
    // CloudAdapter answers a body without `type` with 500: check the shape first and say why.
    if (!isActivityLike(req.body)) {
      res.send(400, {
        error: 'BadRequest',
        message: 'The body must be a JSON Bot Framework activity with a "type".',
      });
      return;
    }
    // No token at all: answered here (botbuilder would print a stack trace for each such request).
    if (deps.authRequired && !req.headers.authorization) {
      res.send(401, { error: 'Unauthorized', message: 'A Bot Framework token is required.' });
      return;
    }
    const conversationId = conversationIdOf(req.body as { conversation?: unknown });
    const limitKey = conversationId === undefined ? undefined : `api/${conversationId}`;
    const refused = deps.limits.check(req, limitKey);
    if (refused) {
      deps.logger.info({ route: '/api/messages', scope: refused.scope }, 'rate limited');
      sendTooManyRequests(res, refused);
      return;
    }
    // One id for the request and every log line of its turn; the channel can quote it in a support case.
    const correlationId = randomUUID();
    res.header('X-Request-Id', correlationId);
    await deps.adapter.process(req, res, (context) => {
      setCorrelationId(context, correlationId);
      return deps.bot.run(context);
    });
    // Refused by Bot Framework authentication: not this conversation's request, so it does not count.
    if (limitKey && (res.statusCode === 401 || res.statusCode === 403)) deps.limits.refund(limitKey);
  });

  server.get('/metrics', async (req: Request, res: Response) => {
    if (deps.metricsToken && !sameSecret(req.headers.authorization, `Bearer ${deps.metricsToken}`)) {
      res.send(401, { error: 'Unauthorized', message: 'A valid "Authorization: Bearer" token is needed.' });
      return;
    }
    res.header('Content-Type', deps.metrics.registry.contentType);
    res.header('Cache-Control', 'no-store');
    res.sendRaw(200, await deps.metrics.registry.metrics());
  });

  server.get('/healthz', async (_req: Request, res: Response) => {
    res.send(200, { status: 'ok' });
  });
  server.get('/readyz', async (_req: Request, res: Response) => {
    try {
      await deps.storage.ping();
      res.send(200, { status: 'ready' });
    } catch {
      res.send(503, { status: 'store unavailable' });
    }
  });

  server.on(
    'restifyError',
    (req: Request, _res: Response, err: Error & { statusCode?: number; body?: unknown }, cb: () => void) => {
      const status = err.statusCode ?? 500;
      if (status >= 500) {
        deps.metrics.errors.inc({ kind: 'http' });
        // A server error says nothing of its cause to the client: the message may name stored keys.
        const body = { code: 'Internal', message: 'Something went wrong on our side. Please try again.' };
        // With a status, restify sends this error itself (else it wraps it in one that quotes its text).
        err.statusCode = status;
        err.body = body;
        (err as { toJSON?: () => unknown }).toJSON = () => body;
      }
      // The route's pattern, not its path: a plan link's path is the link itself.
      const route = req.getRoute?.()?.path ?? 'unrouted';
      deps.logger.warn({ route: String(route), status, err: { name: err.name } }, 'request refused');
      cb();
    },
  );
  return { server, inFlight };
}
