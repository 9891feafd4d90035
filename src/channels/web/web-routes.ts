import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { i18n } from 'i18next';
import type { Request, Response, Server } from 'restify';
import { countryOf } from '../../bot/web-chat-events';
import { projectRoot } from '../../content/build-content';
import { LANGUAGES, type Lang } from '../../engine/types';
import type { Logger } from '../../log/logger';
import { renderDemoPage, widgetStrings } from './demo-page';
import type { OriginPolicy } from './origins';
import { publicBaseOf, webSocketBase } from './public-base';
import { loadWebChatBundle, type WebChatBundle } from './webchat-bundle';

export { webChatBundlePath } from './webchat-bundle';

/**
 * The web chat's pages and files, all served by the bot itself (the page works with no internet):
 *
 *   GET /                    demo page: what the bot is, how to embed it, the chat open (?lang=, ?country=)
 *   GET /embed.js            the widget (src/web/embed.js with its words in en, nl and fr)
 *   GET /webchat/webchat.<hash>.js  Bot Framework Web Chat (botframework-webchat), brotli or gzip, kept a year
 *   GET /webchat/webchat.js  the same under its old name, for pages that still load it (kept a day)
 *   GET /webchat/{widget.css, page.css, icon.svg}
 */
export interface WebRouteDeps {
  i18n: i18n;
  origins: OriginPolicy;
  publicUrl?: string;
  /** Azure Direct Line base when DIRECT_LINE_SECRET is set: the page may connect there too. */
  azureDomain?: string;
  logger: Logger;
  /** Where the widget's files are (default: src/web of the project). */
  webDir?: string;
  /** Web Chat's script (default: from the botframework-webchat package, compressed in dist/web). */
  webChat?: WebChatBundle;
}

interface Asset {
  body: Buffer;
  type: string;
  etag: string;
  cacheSeconds: number;
  gzipped?: Promise<Buffer>;
}

const STATIC_FILES: Record<string, string> = {
  'widget.css': 'text/css; charset=utf-8',
  'page.css': 'text/css; charset=utf-8',
  'icon.svg': 'image/svg+xml',
};

function asset(body: Buffer, type: string, cacheSeconds: number): Asset {
  const etag = `"${crypto.createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  return { body, type, etag, cacheSeconds };
}

/** Headers every page and file gets; pages add their Content-Security-Policy. */
function baseHeaders(res: Response): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin');
}

function sendAsset(req: Request, res: Response, a: Asset): Promise<void> | void {
  baseHeaders(res);
  // Meant to be loaded by other sites' pages (the embed script and what it loads).
  res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
  res.header('Content-Type', a.type);
  res.header('Cache-Control', `public, max-age=${a.cacheSeconds}`);
  res.header('ETag', a.etag);
  res.header('Vary', 'Accept-Encoding, Origin');
  if (req.headers['if-none-match'] === a.etag) {
    res.sendRaw(304, Buffer.alloc(0));
    return;
  }
  if (a.body.length < 1024 || !/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
    res.sendRaw(200, a.body);
    return;
  }
  a.gzipped ??= new Promise((resolve, reject) =>
    zlib.gzip(a.body, { level: 6 }, (err, out) => (err ? reject(err) : resolve(out))),
  );
  return a.gzipped.then((body) => {
    res.header('Content-Encoding', 'gzip');
    res.sendRaw(200, body);
  });
}

/** Web Chat's script: brotli, else gzip, else as is; under its hashed name for a year (immutable). */
async function sendWebChat(
  req: Request,
  res: Response,
  bundle: WebChatBundle,
  etag: string,
  hashed: boolean,
): Promise<void> {
  baseHeaders(res);
  res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
  res.header('Content-Type', 'text/javascript; charset=utf-8');
  res.header(
    'Cache-Control',
    hashed ? 'public, max-age=31536000, immutable' : `public, max-age=${24 * 3600}`,
  );
  res.header('ETag', etag);
  res.header('Vary', 'Accept-Encoding, Origin');
  if (req.headers['if-none-match'] === etag) {
    res.sendRaw(304, Buffer.alloc(0));
    return;
  }
  const accepted = String(req.headers['accept-encoding'] ?? '');
  const encoding = /\bbr\b/.test(accepted) ? 'br' : /\bgzip\b/.test(accepted) ? 'gzip' : undefined;
  if (!encoding) {
    res.sendRaw(200, bundle.raw);
    return;
  }
  const body = await (encoding === 'br' ? bundle.br : bundle.gzip);
  res.header('Content-Encoding', encoding);
  res.sendRaw(200, body);
}

/** The page's language: ?lang=, else the browser's first supported language, else English. */
function pageLang(req: Request): Lang {
  const query = new URL(req.url ?? '/', 'http://localhost').searchParams.get('lang');
  const wanted = [
    query ?? '',
    ...String(req.headers['accept-language'] ?? '')
      .split(',')
      .map((part) => part.split(';')[0]?.trim() ?? ''),
  ];
  for (const w of wanted) {
    const base = w.slice(0, 2).toLowerCase();
    if ((LANGUAGES as readonly string[]).includes(base)) return base as Lang;
  }
  return 'en';
}

/**
 * The hash of an empty inline style: Web Chat tests for :focus-visible support by adding an empty
 * <style> without the nonce and inserting a rule through the CSSOM. An empty style element carries
 * no CSS of its own, so allowing exactly that is safe.
 */
const EMPTY_STYLE_HASH = "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='";

/** A Content-Security-Policy under which Web Chat runs: no inline script; its styles carry the nonce. */
export function pageCsp(nonce: string, connect: string[], frameAncestors: string[]): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${nonce}' ${EMPTY_STYLE_HASH}`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "media-src 'self' blob:",
    `connect-src 'self' ${connect.join(' ')}`.trim(),
    `frame-ancestors ${frameAncestors.join(' ')}`,
    "base-uri 'none'",
    "form-action 'none'",
    "object-src 'none'",
  ].join('; ');
}

export function registerWebRoutes(server: Server, deps: WebRouteDeps): void {
  const dir = deps.webDir ?? path.join(projectRoot(), 'src', 'web');
  const statics = new Map(
    Object.entries(STATIC_FILES).map(([name, type]) => [
      name,
      asset(fs.readFileSync(path.join(dir, name)), type, 3600),
    ]),
  );
  // The widget's words go into the script once, at start (escaped so no string can end the script).
  const strings = JSON.stringify(widgetStrings(deps.i18n)).replace(
    /[<>\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  const bundle = deps.webChat ?? loadWebChatBundle();
  const embedSource = fs.readFileSync(path.join(dir, 'embed.js'), 'utf8');
  const fills: Record<string, string> = {
    'var STRINGS = __IKH_STRINGS__;': `var STRINGS = ${strings};`,
    'var WEBCHAT_PATH = __IKH_WEBCHAT__;': `var WEBCHAT_PATH = ${JSON.stringify(bundle.path)};`,
  };
  let embedFilled = embedSource;
  for (const [placeholder, value] of Object.entries(fills)) {
    if (!embedSource.includes(placeholder)) throw new Error(`embed.js: "${placeholder}" is missing`);
    embedFilled = embedFilled.replace(placeholder, () => value);
  }
  const embed = asset(Buffer.from(embedFilled), 'text/javascript; charset=utf-8', 600);
  const webChatEtag = `"${bundle.hash}"`;
  const azure = deps.azureDomain ? new URL(deps.azureDomain).origin : undefined;

  server.get('/', async (req: Request, res: Response) => {
    const lang = pageLang(req);
    const country = countryOf(new URL(req.url ?? '/', 'http://localhost').searchParams.get('country'));
    const base = publicBaseOf(req, deps.publicUrl);
    const nonce = crypto.randomBytes(18).toString('base64');
    const connect = [webSocketBase(base), ...(azure ? [azure, webSocketBase(azure)] : [])];
    const ancestors = deps.origins.any ? ['*'] : ["'self'", ...deps.origins.listed];
    baseHeaders(res);
    res.setHeader('Content-Security-Policy', pageCsp(nonce, connect, ancestors));
    // The page may be framed by the allowed origins: frame-ancestors says by whom.
    res.removeHeader('X-Frame-Options');
    res.header('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()');
    res.header('Cross-Origin-Opener-Policy', 'same-origin');
    if (base.startsWith('https:')) res.header('Strict-Transport-Security', 'max-age=31536000');
    res.header('Cache-Control', 'no-store');
    res.header('Content-Type', 'text/html; charset=utf-8');
    res.sendRaw(200, renderDemoPage(deps.i18n, { lang, country, base, nonce }));
  });

  server.get('/embed.js', async (req: Request, res: Response) => {
    deps.origins.cors(req, res, false);
    await sendAsset(req, res, embed);
  });

  server.get('/webchat/:file', async (req: Request, res: Response) => {
    deps.origins.cors(req, res, false);
    const name = String(req.params.file ?? '');
    if (name === 'webchat.js' || `/webchat/${name}` === bundle.path) {
      await sendWebChat(req, res, bundle, webChatEtag, name !== 'webchat.js');
      return;
    }
    const a = statics.get(name);
    if (!a) {
      res.send(404, { error: 'NotFound', message: 'No such file.' });
      return;
    }
    await sendAsset(req, res, a);
  });
}
