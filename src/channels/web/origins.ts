import type { Request, Response } from 'restify';

/**
 * Which web origins may use the chat: the bot's own (the request's Host, or PUBLIC_URL), plus the
 * configured ALLOWED_ORIGINS (`*`: any). Used for CORS on the page assets, the token endpoint and
 * the Direct Line endpoint, for the WebSocket's Origin check, and for the page's frame-ancestors.
 */
export interface OriginPolicy {
  /** Origins named in the configuration (and PUBLIC_URL's), without the wildcard. */
  readonly listed: string[];
  readonly any: boolean;
  allows(origin: string | undefined, host: string | undefined): boolean;
  /**
   * CORS for a route: without an Origin header (not a cross-origin browser call) it may go on; an
   * allowed Origin gets Access-Control-Allow-Origin; a refused one gets 403 when `refuse` is set.
   * Returns whether the handler may go on.
   */
  cors(req: Request, res: Response, refuse?: boolean, readableRefusal?: boolean): boolean;
  /** Answers an OPTIONS preflight: 204 with the CORS headers, or 403 for an origin not allowed. */
  preflight(req: Request, res: Response): void;
}

const ALLOWED_HEADERS = ['authorization', 'content-type', 'x-ms-bot-agent', 'x-requested-with'];

export function createOriginPolicy(allowed: string[], publicUrl?: string): OriginPolicy {
  const any = allowed.includes('*');
  const listed = [
    ...new Set([...allowed.filter((o) => o !== '*'), ...(publicUrl ? [new URL(publicUrl).origin] : [])]),
  ];
  const allows = (origin: string | undefined, host: string | undefined): boolean => {
    if (!origin) return false;
    if (any || listed.includes(origin)) return true;
    try {
      const u = new URL(origin);
      return (u.protocol === 'http:' || u.protocol === 'https:') && !!host && u.host === host.toLowerCase();
    } catch {
      return false; // "null" (sandboxed frames, file://) and anything malformed
    }
  };
  const allowHeaders = (res: Response, origin: string) => {
    res.header('Access-Control-Allow-Origin', origin);
    res.header('Vary', 'Origin');
  };
  return {
    listed,
    any,
    allows,
    cors(req, res, refuse = true, readableRefusal = false) {
      const origin = req.headers.origin;
      if (!origin) return true;
      if (allows(origin, req.headers.host)) {
        allowHeaders(res, origin);
        return true;
      }
      if (!refuse) return true;
      res.header('Vary', 'Origin');
      // Where asked (the token endpoint, the widget's first call), that page may read the refusal itself (nothing
      // else is exposed), so the widget can say the chat is not available there instead of blaming the connection.
      if (readableRefusal) res.header('Access-Control-Allow-Origin', origin);
      res.send(403, {
        error: 'OriginNotAllowed',
        message: 'This website may not use the chat. The bot lists the sites it allows in ALLOWED_ORIGINS.',
      });
      return false;
    },
    preflight(req, res) {
      const origin = req.headers.origin;
      if (!origin || !allows(origin, req.headers.host)) {
        res.header('Vary', 'Origin');
        res.send(403, { error: 'OriginNotAllowed' });
        return;
      }
      allowHeaders(res, origin);
      const asked = String(req.headers['access-control-request-headers'] ?? '')
        .split(',')
        .map((h) => h.trim().toLowerCase())
        .filter((h) => ALLOWED_HEADERS.includes(h));
      res.header('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
      res.header('Access-Control-Allow-Headers', (asked.length ? asked : ALLOWED_HEADERS).join(', '));
      res.header('Access-Control-Max-Age', '600');
      res.send(204);
    },
  };
}
