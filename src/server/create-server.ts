import restify, { type Request, type Response, type Server } from 'restify';
import type { CloudAdapter } from 'botbuilder';
import type { RoadmapBot } from '../bot/roadmap-bot';
import type { Logger } from '../log/logger';
import type { ManagedStorage } from '../storage/storage-types';

export interface ServerDeps {
  adapter: CloudAdapter;
  bot: RoadmapBot;
  storage: Pick<ManagedStorage, 'ping'>;
  logger: Logger;
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

/** The HTTP app: /api/messages for Bot Framework channels, /healthz and /readyz. Does not listen. */
export function createServer(deps: ServerDeps): Server {
  // maxParamLength: signed plan links carry the conversation key, and Teams conversation ids are long.
  const server = restify.createServer({
    name: 'iknowhow-roadmap-bot',
    handleUncaughtExceptions: false,
    maxParamLength: 4096,
  });
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
    await deps.adapter.process(req, res, (context) => deps.bot.run(context));
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
    (req: Request, _res: Response, err: Error & { statusCode?: number }, cb: () => void) => {
      deps.logger.warn(
        { route: req.path(), status: err.statusCode, err: { name: err.name } },
        'request refused',
      );
      cb();
    },
  );
  return server;
}
