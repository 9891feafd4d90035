import type { IncomingHttpHeaders } from 'node:http';

const HOST = /^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/**
 * The base URL clients reach the bot at: PUBLIC_URL when set, else the request's own Host (behind
 * a TLS proxy, X-Forwarded-Proto: https gives https). Used for the stream URL, the Direct Line
 * domain and the embed snippet on the demo page.
 */
export function publicBaseOf(req: { headers: IncomingHttpHeaders }, publicUrl?: string): string {
  if (publicUrl) return publicUrl;
  const host = req.headers.host ?? '';
  const proto = req.headers['x-forwarded-proto'] === 'https' ? 'https' : 'http';
  return HOST.test(host) ? `${proto}://${host}` : 'http://localhost';
}

/** http(s)://host → ws(s)://host */
export const webSocketBase = (base: string): string => base.replace(/^http/, 'ws');
