import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { projectRoot } from '../../content/build-content';

/**
 * Bot Framework Web Chat's script (3.9 MB), served under a name that carries a hash of its content, so
 * browsers may keep it for a year (`immutable`): a new version of Web Chat gets a new name. It is sent
 * brotli- or gzip-compressed as the browser accepts. Both are made once at build time (`npm run build`
 * writes them to dist/web/, brotli at its best level: 0.64 MB instead of 0.95 MB with gzip); without a
 * build (tests) they are made at start, in the background, at a faster level.
 */
export interface WebChatBundle {
  /** The address of the bundle under /webchat/, e.g. `/webchat/webchat.AbC123xYz789.js`. */
  path: string;
  hash: string;
  raw: Buffer;
  /** The compressed bodies (made once; promises so a request never compresses anything itself). */
  br: Promise<Buffer>;
  gzip: Promise<Buffer>;
}

/** botframework-webchat's exports map hides dist/: resolve the package main (lib/index.js) and go to ../dist. */
export function webChatBundlePath(): string {
  return path.join(path.dirname(require.resolve('botframework-webchat')), '..', 'dist', 'webchat.js');
}

export const bundleHash = (raw: Buffer) =>
  crypto.createHash('sha256').update(raw).digest('base64url').slice(0, 12);

export const prebuiltDir = () => path.join(projectRoot(), 'dist', 'web');
const prebuiltName = (hash: string, encoding: 'br' | 'gz') => `webchat.${hash}.js.${encoding}`;

function compress(raw: Buffer, encoding: 'br' | 'gz', best: boolean): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const done = (err: Error | null, out: Buffer) => (err ? reject(err) : resolve(out));
    if (encoding === 'gz') zlib.gzip(raw, { level: 9 }, done);
    else
      zlib.brotliCompress(
        raw,
        {
          params: {
            [zlib.constants.BROTLI_PARAM_QUALITY]: best ? 11 : 5,
            [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
          },
        },
        done,
      );
  });
}

function readOr(file: string, make: () => Promise<Buffer>): Promise<Buffer> {
  return fs.promises.readFile(file).catch(make);
}

export function loadWebChatBundle(dir = prebuiltDir()): WebChatBundle {
  const raw = fs.readFileSync(webChatBundlePath());
  const hash = bundleHash(raw);
  const br = readOr(path.join(dir, prebuiltName(hash, 'br')), () => compress(raw, 'br', false));
  const gzip = readOr(path.join(dir, prebuiltName(hash, 'gz')), () => compress(raw, 'gz', false));
  // Started now, awaited by the first request; a failure is that request's error, not an unhandled one.
  br.catch(() => undefined);
  gzip.catch(() => undefined);
  return { path: `/webchat/webchat.${hash}.js`, hash, raw, br, gzip };
}

/** Writes the compressed bundles for this Web Chat into dist/web (kept when already there). */
export async function writePrebuilt(dir = prebuiltDir()): Promise<string[]> {
  const raw = fs.readFileSync(webChatBundlePath());
  const hash = bundleHash(raw);
  fs.mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  for (const encoding of ['br', 'gz'] as const) {
    const file = path.join(dir, prebuiltName(hash, encoding));
    if (fs.existsSync(file)) continue;
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, await compress(raw, encoding, true));
    fs.renameSync(tmp, file);
    written.push(file);
  }
  return written;
}
