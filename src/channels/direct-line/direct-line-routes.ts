import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Activity } from 'botbuilder';
import type { Request, Response, Server } from 'restify';
import { WebSocketServer, type WebSocket } from 'ws';
import { DATA_DELETED_EVENT } from '../../bot/web-chat-events';
import type { Logger } from '../../log/logger';
import type { OriginPolicy } from '../web/origins';
import { publicBaseOf, webSocketBase } from '../web/public-base';
import type { RateLimiter } from '../../server/rate-limit';
import type { RequestLimits } from '../../server/request-limits';
import { DIRECT_LINE_CHANNEL_ID, type BotBridge } from './bot-bridge';
import {
  StoreFullError,
  type ConversationStore,
  type DlActivity,
  type DlConversation,
  type NewActivity,
} from './conversation-store';
import { bearerOf, type DirectLineClaims, type TokenIssuer } from './tokens';

/**
 * A Direct Line 3.0-compatible endpoint, enough for Web Chat and botframework-directlinejs:
 *
 *   POST /v3/directline/conversations                    start (or, with a token, resume) → token, streamUrl
 *   GET  /v3/directline/conversations/{id}?watermark=    reconnect → fresh token, streamUrl
 *   POST /v3/directline/conversations/{id}/activities    send → { id }; the activity is echoed with its id
 *   GET  /v3/directline/conversations/{id}/activities    poll → { activities, watermark }
 *   POST /v3/directline/tokens/refresh                   → a fresh token for the same conversation
 *   WS   /v3/directline/conversations/{id}/stream?t=     activity sets as they happen
 *
 * Every call but an anonymous start needs `Authorization: Bearer <token>`; a token opens only its own
 * conversation (another one, or an expired token: 403); an unknown conversation is 404.
 */
export const DIRECT_LINE_PATH = '/v3/directline';

export interface DirectLineDeps {
  store: ConversationStore;
  tokens: TokenIssuer;
  bridge: BotBridge;
  origins: OriginPolicy;
  /** Limits anonymous conversation starts per client address. */
  starts: RateLimiter;
  /** Limits the activities sent, per conversation and per address. */
  limits: RequestLimits;
  addressOf: (req: Request) => string;
  bot: { id: string; name: string };
  publicUrl?: string;
  now: () => number;
  logger: Logger;
}

const CONV_ID = /^[\w-]{1,64}$/;
const STREAM_PATH = /^\/v3\/directline\/conversations\/([\w-]{1,64})\/stream$/;
const CLIENT_TYPES = new Set(['message', 'event', 'typing']);
// A hard cap; the bot refuses texts over MAX_TEXT_LENGTH politely, so the user sees why.
const MAX_TEXT = 20_000;
/** Button payloads and the widget's join event are small; a large value only costs memory. */
const MAX_VALUE = 4096;
/** Fields of the bot's activities that travel to the client. */
const REPLY_FIELDS = [
  'type',
  'text',
  'textFormat',
  'speak',
  'inputHint',
  'attachments',
  'attachmentLayout',
  'suggestedActions',
  'name',
  'value',
  'locale',
  'replyToId',
  'entities',
] as const;

/** An error body as the Direct Line 3.0 reference gives it: `{ "error": { "code": …, "message": … } }`. */
const problem = (code: string, message: string) => ({ error: { code, message } });

export interface DirectLineEndpoint {
  /** Closes every stream (shutdown). */
  close(): void;
}

export function registerDirectLineRoutes(server: Server, deps: DirectLineDeps): DirectLineEndpoint {
  const { store, tokens, origins, now, logger } = deps;

  const startResponse = (req: Request, conv: DlConversation, watermark = '') => {
    const base = publicBaseOf(req, deps.publicUrl);
    const streamToken = tokens.issue(conv.id, conv.userId, now(), 'stream');
    const query = new URLSearchParams({ watermark, t: streamToken });
    // The Conversation object of the Direct Line 3.0 reference. The reference grammar id is for speech
    // recognition, which this chat does not use: a fixed id per conversation, as the reference lists it.
    return {
      conversationId: conv.id,
      token: tokens.issue(conv.id, conv.userId, now()),
      expires_in: tokens.ttlSeconds,
      streamUrl: `${webSocketBase(base)}${DIRECT_LINE_PATH}/conversations/${conv.id}/stream?${query}`,
      referenceGrammarId: conv.id,
      eTag: `W/"${store.watermark(conv)}"`,
    };
  };

  /** The token's claims when it is valid and (if `convId` is given) for that conversation; else answers 401/403. */
  const authorize = (req: Request, res: Response, convId?: string): DirectLineClaims | undefined => {
    const token = bearerOf(req.headers.authorization);
    if (!token) {
      res.send(
        401,
        problem('Unauthorized', 'Send the conversation token as "Authorization: Bearer <token>".'),
      );
      return undefined;
    }
    const v = tokens.verify(token, now());
    if (!v.ok || v.claims.scope !== 'conversation') {
      const expired = !v.ok && v.reason === 'expired';
      res.send(
        403,
        problem(
          expired ? 'TokenExpired' : 'Forbidden',
          expired ? 'The token has expired.' : 'The token is not valid.',
        ),
      );
      return undefined;
    }
    if (convId !== undefined && v.claims.conv !== convId) {
      res.send(403, problem('Forbidden', 'This token is for another conversation.'));
      return undefined;
    }
    return v.claims;
  };

  /** A conversation that still takes activities (not ended), or a 404. From memory or the store. */
  const live = async (res: Response, id: string): Promise<DlConversation | undefined> => {
    let conv: DlConversation | undefined;
    try {
      conv = CONV_ID.test(id) ? await store.load(id) : undefined;
    } catch (e) {
      // Not "gone": the store failed, or every conversation in memory is in use. The client tries again.
      logger.warn({ route: 'directline', err: { name: (e as Error).name } }, 'conversation not loaded');
      res.header('Retry-After', '30');
      res.send(
        503,
        problem('ServiceError', 'The conversation cannot be opened right now. Please try again soon.'),
      );
      return undefined;
    }
    if (!conv || conv.endedAt !== undefined) {
      res.send(404, problem('NotFound', 'This conversation does not exist or has ended.'));
      return undefined;
    }
    store.touch(conv);
    return conv;
  };

  /** Common start of every route: CORS and no caching. */
  const open = (req: Request, res: Response): boolean => {
    res.header('Cache-Control', 'no-store');
    return origins.cors(req, res);
  };

  const preflight = async (req: Request, res: Response) => origins.preflight(req, res);
  server.opts(`${DIRECT_LINE_PATH}/*`, preflight);

  server.post(`${DIRECT_LINE_PATH}/conversations`, async (req: Request, res: Response) => {
    if (!open(req, res)) return;
    if (bearerOf(req.headers.authorization)) {
      // Starting with a token of an existing conversation resumes it (as Azure does for a generated token).
      const claims = authorize(req, res);
      if (!claims) return;
      const conv = await live(res, claims.conv);
      if (conv) res.send(200, startResponse(req, conv));
      return;
    }
    const wait = deps.starts.hit(deps.addressOf(req));
    if (wait !== null) {
      res.header('Retry-After', String(wait));
      res.send(
        429,
        problem('TooManyRequests', 'Too many new conversations from this address. Try again soon.'),
      );
      return;
    }
    let conv: DlConversation;
    try {
      conv = store.create();
    } catch (e) {
      if (!(e instanceof StoreFullError)) throw e;
      res.header('Retry-After', '60');
      res.send(503, problem('Busy', 'The chat is full right now. Please try again in a minute.'));
      return;
    }
    logger.debug(
      { route: 'directline', event: 'conversation started', conversations: store.size },
      'directline',
    );
    res.send(201, startResponse(req, conv));
  });

  server.get(`${DIRECT_LINE_PATH}/conversations/:id`, async (req: Request, res: Response) => {
    if (!open(req, res)) return;
    const id = String(req.params.id ?? '');
    if (!authorize(req, res, id)) return;
    const conv = await live(res, id);
    if (conv) res.send(200, startResponse(req, conv, watermarkOf(req)));
  });

  server.get(`${DIRECT_LINE_PATH}/conversations/:id/activities`, async (req: Request, res: Response) => {
    if (!open(req, res)) return;
    const id = String(req.params.id ?? '');
    if (!authorize(req, res, id)) return;
    // An ended conversation still answers reads during its grace, so the last replies arrive.
    let conv: DlConversation | undefined;
    try {
      conv = CONV_ID.test(id) ? await store.load(id) : undefined;
    } catch {
      res.header('Retry-After', '30');
      res.send(
        503,
        problem('ServiceError', 'The conversation cannot be opened right now. Please try again soon.'),
      );
      return;
    }
    if (!conv) {
      res.send(404, problem('NotFound', 'This conversation does not exist or has ended.'));
      return;
    }
    store.touch(conv);
    res.send(200, store.since(conv, watermarkOf(req)));
  });

  server.post(`${DIRECT_LINE_PATH}/conversations/:id/activities`, async (req: Request, res: Response) => {
    if (!open(req, res)) return;
    const id = String(req.params.id ?? '');
    const claims = authorize(req, res, id);
    if (!claims) return;
    const conv = await live(res, id);
    if (!conv) return;
    const refused = deps.limits.check(req, `directline/${conv.id}`);
    if (refused) {
      res.header('Retry-After', String(refused.retryAfter));
      res.send(
        429,
        problem(
          'TooManyRequests',
          refused.scope === 'conversation'
            ? 'Too many messages in this conversation. Please wait a moment.'
            : 'Too many requests from this address. Please wait a moment.',
        ),
      );
      return;
    }
    const incoming = clientActivity(req.body);
    if (typeof incoming === 'string') {
      res.send(400, problem('BadArgument', incoming));
      return;
    }
    if (incoming.type === 'typing') {
      res.send(200, { id: `${conv.id}|typing` });
      return;
    }
    const from = { id: claims.user, role: 'user' };
    const echo = store.append(conv, { ...incoming, from, channelId: DIRECT_LINE_CHANNEL_ID });
    try {
      await store.serialize(conv, () => runTurn(conv, echo));
      res.send(200, { id: echo.id });
    } catch (e) {
      logger.error({ route: 'directline', err: { name: (e as Error).name } }, 'directline turn failed');
      res.send(502, problem('BotError', 'The bot could not answer this activity.'));
    }
  });

  // Direct Line's file upload: this chat takes no files (it stores nothing a user sends but their choices).
  server.post(`${DIRECT_LINE_PATH}/conversations/:id/upload`, async (req: Request, res: Response) => {
    if (!open(req, res)) return;
    const id = String(req.params.id ?? '');
    if (!authorize(req, res, id)) return;
    if (!(await live(res, id))) return;
    res.send(
      415,
      problem(
        'NotSupported',
        'This chat does not take files. Please type your question or pick an option instead.',
      ),
    );
  });

  server.post(`${DIRECT_LINE_PATH}/tokens/refresh`, async (req: Request, res: Response) => {
    if (!open(req, res)) return;
    const claims = authorize(req, res);
    if (!claims) return;
    const conv = await live(res, claims.conv);
    if (conv)
      res.send(200, {
        conversationId: conv.id,
        token: tokens.issue(conv.id, conv.userId, now()),
        expires_in: tokens.ttlSeconds,
      });
  });

  /** One turn: the echoed activity goes to the bot; what it sends is added to the conversation as it is sent. */
  async function runTurn(conv: DlConversation, echo: DlActivity): Promise<void> {
    let firstReply: string | undefined;
    let deleted = false;
    await deps.bridge({ ...echo, recipient: undefined } as unknown as Partial<Activity>, (activities) =>
      activities.map((a) => {
        const out: Record<string, unknown> = {};
        for (const f of REPLY_FIELDS) if (a[f] !== undefined) out[f] = a[f];
        const stored = store.append(conv, {
          ...(out as { type: string }),
          type: a.type ?? 'message',
          from: { ...deps.bot, role: 'bot' },
          recipient: { id: conv.userId, role: 'user' },
          channelId: DIRECT_LINE_CHANNEL_ID,
        });
        firstReply ??= stored.id;
        if (a.type === 'event' && a.name === DATA_DELETED_EVENT) deleted = true;
        return stored.id;
      }),
    );
    if (deleted) {
      // The user deleted their data: the transcript goes too, all but this last answer.
      store.end(conv, firstReply);
      logger.info({ route: 'directline', event: 'conversation ended: data deleted' }, 'directline');
    }
  }

  // The stream: a WebSocket on the same HTTP server. Browsers send an Origin (checked); the token is
  // the short-lived stream token from the streamUrl.
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4 * 1024 });
  const httpServer = (server as unknown as { server: HttpServer }).server;
  const refuse = (socket: Duplex, status: number, text: string) => {
    socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  };
  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Node takes its own error listener off an upgraded socket: without one, a client that drops the
    // connection while the conversation is loaded would crash the process.
    socket.on('error', () => socket.destroy());
    const url = new URL(req.url ?? '/', 'http://localhost');
    const m = STREAM_PATH.exec(url.pathname);
    if (!m) return refuse(socket, 404, 'Not Found');
    if (req.headers.origin !== undefined && !origins.allows(req.headers.origin, req.headers.host))
      return refuse(socket, 403, 'Forbidden');
    const v = tokens.verify(url.searchParams.get('t') ?? '', now());
    if (!v.ok || v.claims.scope !== 'stream' || v.claims.conv !== m[1])
      return refuse(socket, 403, 'Forbidden');
    void store.load(m[1] as string).then(
      (conv) => {
        if (socket.destroyed) return;
        if (!conv || conv.endedAt !== undefined) return refuse(socket, 404, 'Not Found');
        wss.handleUpgrade(req, socket, head, (ws) =>
          attach(ws, conv, url.searchParams.get('watermark') ?? ''),
        );
      },
      () => refuse(socket, 503, 'Service Unavailable'),
    );
  };
  httpServer.on('upgrade', onUpgrade);

  function attach(ws: WebSocket, conv: DlConversation, watermark: string) {
    let alive = true;
    const unsubscribe = store.subscribe(conv, {
      send: (set) => {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(set));
      },
      close: () => ws.close(1000, 'conversation ended'),
    });
    const backlog = store.since(conv, watermark);
    if (backlog.activities.length) ws.send(JSON.stringify(backlog));
    // Dead connections (a sleeping laptop) are found by ping/pong and closed.
    const ping = setInterval(() => {
      if (!alive) return ws.terminate();
      alive = false;
      ws.ping();
    }, 30_000);
    ping.unref();
    ws.on('pong', () => (alive = true));
    ws.on('message', () => undefined); // directlinejs sends "" now and then to keep the line open
    ws.on('error', () => ws.terminate());
    ws.on('close', () => {
      clearInterval(ping);
      unsubscribe();
    });
  }

  return {
    close() {
      httpServer.off('upgrade', onUpgrade);
      for (const ws of wss.clients) ws.terminate();
      wss.close();
    },
  };
}

function watermarkOf(req: Request): string {
  const w = new URL(req.url ?? '/', 'http://localhost').searchParams.get('watermark') ?? '';
  return /^\d{1,12}$/.test(w) ? w : '';
}

/** The fields of a client's activity the endpoint keeps, or why it is refused. */
function clientActivity(body: unknown): NewActivity | string {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return 'The body must be a JSON activity.';
  const b = body as Record<string, unknown>;
  if (typeof b.type !== 'string' || !CLIENT_TYPES.has(b.type))
    return 'The activity "type" must be "message", "event" or "typing".';
  if (b.text !== undefined && (typeof b.text !== 'string' || b.text.length > MAX_TEXT))
    return `"text" must be a string of at most ${MAX_TEXT} characters.`;
  if (b.value !== undefined && JSON.stringify(b.value).length > MAX_VALUE)
    return `"value" must be at most ${MAX_VALUE} characters of JSON.`;
  if (b.type === 'event' && (typeof b.name !== 'string' || b.name.length > 100))
    return 'An event needs a "name" of at most 100 characters.';
  const out: Record<string, unknown> = { type: b.type };
  if (typeof b.text === 'string') out.text = b.text;
  if (b.textFormat === 'plain' || b.textFormat === 'markdown') out.textFormat = b.textFormat;
  if (typeof b.name === 'string') out.name = b.name;
  if (b.value !== undefined) out.value = b.value;
  if (typeof b.locale === 'string' && b.locale.length <= 35) out.locale = b.locale;
  const cd = b.channelData as Record<string, unknown> | undefined;
  if (cd && typeof cd === 'object') {
    const kept: Record<string, unknown> = {};
    // Web Chat matches its pending message with the echo by clientActivityID: keep it unchanged.
    if (typeof cd.clientActivityID === 'string' && cd.clientActivityID.length <= 200)
      kept.clientActivityID = cd.clientActivityID;
    if (typeof cd.clientTimestamp === 'string' && cd.clientTimestamp.length <= 40)
      kept.clientTimestamp = cd.clientTimestamp;
    if (Object.keys(kept).length) out.channelData = kept;
  }
  return out as NewActivity;
}
