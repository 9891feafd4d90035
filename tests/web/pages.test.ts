import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import zlib from 'node:zlib';
import { webChatBundlePath } from '../../src/channels/web/web-routes';
import { bundleHash, loadWebChatBundle, writePrebuilt } from '../../src/channels/web/webchat-bundle';
import { LANGUAGES } from '../../src/engine/types';
import { startWebBot, type WebBot } from './web-helpers';

/** The demo page, the embed script and Web Chat itself, served by the bot with no CDN. */
let bot: WebBot;
beforeAll(async () => {
  bot = await startWebBot();
});
afterAll(async () => {
  await bot.close();
});

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${bot.url}${path}`, { headers });

describe('the demo page', () => {
  it('is in the asked language, says what the bot is and how to embed it, and opens the chat', async () => {
    const res = await get('/?lang=nl&country=BE');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await res.text();
    expect(html).toContain('<html lang="nl">');
    expect(html).toContain(`<title>${bot.t('nl', 'web:page.title')}</title>`);
    expect(html).toContain(`<h2 id="what">${bot.t('nl', 'web:page.whatTitle')}</h2>`);
    // The snippet to copy, with this bot's address.
    expect(html).toContain(
      `&lt;script src=&quot;${bot.url}/embed.js&quot; data-lang=&quot;nl&quot; data-country=&quot;BE&quot;`,
    );
    expect(html).toMatch(
      /<script src="\/embed\.js" data-lang="nl" data-country="BE" data-open="true" nonce="[^"]+" defer><\/script>/,
    );
    // Links to the page in the three languages, each named in its own language.
    for (const lng of LANGUAGES) expect(html).toContain(`lang="${lng}" hreflang="${lng}"`);
  });

  it('takes the browser language when none is asked, and ignores a country it does not know', async () => {
    const html = await (await get('/?country=XX', { 'accept-language': 'fr-BE,fr;q=0.9,en;q=0.5' })).text();
    expect(html).toContain('<html lang="fr">');
    // An unknown country is ignored: the page's own chat uses the country its snippet shows (Belgium).
    expect(html).toContain('data-lang="fr" data-country="BE" data-open="true"');
    expect(html).not.toContain('data-country="XX"');
    expect(await (await get('/?lang=de')).text()).toContain('<html lang="en">');
  });

  it('loads nothing from elsewhere: every script, style and icon comes from the bot', async () => {
    const html = await (await get('/')).text();
    const refs = [...html.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(refs).toEqual(['/webchat/icon.svg', '/webchat/page.css', '/embed.js']);
  });

  it('sends security headers, with a CSP that allows no inline script and carries this response’s nonce', async () => {
    const res = await get('/');
    const csp = res.headers.get('content-security-policy') ?? '';
    const nonce = /nonce="([^"]+)"/.exec(await res.text())?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain(`style-src 'self' 'nonce-${nonce}'`);
    expect(csp).toMatch(/connect-src 'self' ws:\/\/127\.0\.0\.1:\d+;/);
    expect(csp).toContain("frame-ancestors 'self';");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(res.headers.get('permissions-policy')).toContain('camera=()');
    expect(res.headers.get('cache-control')).toBe('no-store');
    // A new nonce for every response.
    expect((await get('/')).headers.get('content-security-policy')).not.toBe(csp);
  });

  it('lets the allowed origins frame the page (frame-ancestors), and no one else', async () => {
    const other = await startWebBot({ ALLOWED_ORIGINS: 'https://www.example.org' });
    try {
      const csp = (await fetch(`${other.url}/`)).headers.get('content-security-policy');
      expect(csp).toContain("frame-ancestors 'self' https://www.example.org;");
    } finally {
      await other.close();
    }
  });
});

describe('the embed script', () => {
  it('is valid JavaScript with the widget’s words in en, nl and fr, and no placeholder left', async () => {
    const res = await get('/embed.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    const source = await res.text();
    expect(() => new vm.Script(source)).not.toThrow();
    expect(source).not.toContain('__IKH_STRINGS__;');
    for (const lng of LANGUAGES)
      for (const key of ['web:widget.open', 'web:widget.close', 'web:widget.deleted'])
        expect(source).toContain(JSON.stringify(bot.t(lng, key)).slice(1, -1));
    expect(source).toMatch(/var WEBCHAT_PATH = "\/webchat\/webchat\.[\w-]{12}\.js";/);
  });

  it('adds CORS headers for allowed origins only (it is public either way)', async () => {
    const own = await get('/embed.js', { origin: bot.url });
    expect(own.headers.get('access-control-allow-origin')).toBe(bot.url);
    const other = await get('/embed.js', { origin: 'https://evil.example' });
    expect(other.status).toBe(200);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('Web Chat, from the botframework-webchat package', () => {
  const rawGet = async (url: string, encoding: string) => {
    const http = await import('node:http');
    return new Promise<{ status?: number; headers: Record<string, unknown>; body: Buffer }>(
      (resolve, reject) => {
        http
          .get(url, { headers: { 'accept-encoding': encoding } }, (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () =>
              resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }),
            );
          })
          .on('error', reject);
      },
    );
  };

  it('embed.js loads it under a content-hashed name, served brotli-compressed and cached a year (immutable)', async () => {
    const file = fs.readFileSync(webChatBundlePath());
    const embed = await (await get('/embed.js')).text();
    const hashed = /var WEBCHAT_PATH = "(\/webchat\/webchat\.([\w-]{12})\.js)";/.exec(embed);
    expect(hashed?.[2]).toBe(bundleHash(file));
    const br = await rawGet(`${bot.url}${hashed![1]}`, 'gzip, deflate, br');
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.body.length).toBeLessThan(file.length / 4);
    expect(zlib.brotliDecompressSync(br.body).equals(file)).toBe(true);
    const gz = await rawGet(`${bot.url}${hashed![1]}`, 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.body).equals(file)).toBe(true);
    // Another hash is not this bundle.
    expect((await get('/webchat/webchat.AAAAAAAAAAAA.js')).status).toBe(404);
  });

  it('uses the files compressed at build time when they are there, and compresses at start otherwise', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'webchat-prebuilt-'));
    const hash = bundleHash(fs.readFileSync(webChatBundlePath()));
    fs.writeFileSync(path.join(dir, `webchat.${hash}.js.br`), 'prebuilt brotli');
    const withPrebuilt = loadWebChatBundle(dir);
    expect((await withPrebuilt.br).toString()).toBe('prebuilt brotli');
    const gz = await withPrebuilt.gzip; // not there: made now
    expect(zlib.gunzipSync(gz).equals(withPrebuilt.raw)).toBe(true);
    const written = await writePrebuilt(dir);
    expect(written.map((f) => path.basename(f))).toEqual([`webchat.${hash}.js.gz`]);
    expect(zlib.gunzipSync(fs.readFileSync(written[0]!)).equals(withPrebuilt.raw)).toBe(true);
  });

  it('serves dist/webchat.js of the installed package, gzipped when asked, with an ETag', async () => {
    const file = fs.readFileSync(webChatBundlePath());
    expect(file.length).toBeGreaterThan(1_000_000);
    const plain = await fetch(`${bot.url}/webchat/webchat.js`, {
      headers: { 'accept-encoding': 'identity' },
    });
    expect(plain.status).toBe(200);
    expect(plain.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(Buffer.from(await plain.arrayBuffer()).equals(file)).toBe(true);
    // Node's fetch unzips by itself; ask with a raw request to see the encoding.
    const http = await import('node:http');
    const zipped = await new Promise<{ encoding?: string; body: Buffer }>((resolve, reject) => {
      http
        .get(`${bot.url}/webchat/webchat.js`, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ encoding: res.headers['content-encoding'], body: Buffer.concat(chunks) }),
          );
        })
        .on('error', reject);
    });
    expect(zipped.encoding).toBe('gzip');
    expect(zipped.body.length).toBeLessThan(file.length / 2);
    expect(zlib.gunzipSync(zipped.body).equals(file)).toBe(true);
    const etag = plain.headers.get('etag') as string;
    expect((await get('/webchat/webchat.js', { 'if-none-match': etag })).status).toBe(304);
  });

  it('serves the widget files and nothing else under /webchat/', async () => {
    for (const [name, type] of [
      ['widget.css', 'text/css; charset=utf-8'],
      ['page.css', 'text/css; charset=utf-8'],
      ['icon.svg', 'image/svg+xml'],
    ]) {
      const res = await get(`/webchat/${name}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe(type);
    }
    for (const path of ['/webchat/embed.js', '/webchat/..%2Fpackage.json', '/webchat/webchat.js.LICENSE.txt'])
      expect((await get(path)).status).toBe(404);
  });
});
