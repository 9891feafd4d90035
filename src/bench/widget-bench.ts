import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createApp } from '../app';
import { readConfig } from '../config';
import { median } from './stats';

/**
 * The web chat widget from the visitor's side: headless Chromium (playwright-core, Debian's chromium) on a
 * page of another site with the one embed tag, a cold browser cache each run, and the time from pressing
 * the launcher to the bot's first greeting on screen — measured in the page itself (performance.now() at
 * the click, and when the first bot bubble is drawn). Two cases: the normal one, where Web Chat's script
 * was fetched while the page was idle, and a click before that (cold). On loopback, and with the network
 * emulated at about 9 Mbit/s down and 150 ms round trip (Chrome DevTools Protocol).
 */

export interface WidgetRun {
  network: 'loopback' | 'emulated';
  start: 'preloaded' | 'cold';
  ms: number[];
  median: number;
}

const EMULATED = {
  offline: false,
  latency: 150, // ms added to each request's round trip
  downloadThroughput: (9 * 1024 * 1024) / 8,
  uploadThroughput: (2 * 1024 * 1024) / 8,
};

/** Marks the click on the launcher and the first bot bubble, in page time. */
const PROBE = `(() => {
  window.__ikh = {};
  document.addEventListener('click', (e) => {
    if (e.target.closest && e.target.closest('.ikh-launcher') && !window.__ikh.click) window.__ikh.click = performance.now();
  }, true);
  new MutationObserver(() => {
    if (!window.__ikh.greeted && document.querySelector('.ikh-chat .webchat__bubble:not(.webchat__bubble--from-user) .webchat__bubble__content')) {
      window.__ikh.greeted = performance.now();
    }
  }).observe(document, { childList: true, subtree: true });
})();`;

/** `chromium`: the browser's path (the CLI passes CHROMIUM_PATH, else Debian's /usr/bin/chromium). */
export async function benchWidget(
  chromiumPath: string,
  runs = 5,
): Promise<WidgetRun[] | { skipped: string }> {
  if (!fs.existsSync(chromiumPath))
    return { skipped: `no Chromium at ${chromiumPath} (apt-get install chromium)` };
  const { chromium } = await import('playwright-core');
  // The host site: another origin, the tag in the page as a site owner pastes it.
  let botUrl = '';
  const host = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html lang="en"><head><title>A site</title></head><body><main><h1>A site</h1>
<p>Some text.</p></main><script src="${botUrl}/embed.js" data-lang="en" data-country="UK" defer></script></body></html>`);
  });
  await new Promise<void>((r) => host.listen(0, '127.0.0.1', () => r()));
  const hostUrl = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-widget-'));
  const app = createApp(
    readConfig({
      DATA_DIR: dataDir,
      PORT: '0',
      LOG_LEVEL: 'silent',
      ALLOWED_ORIGINS: hostUrl,
      RATE_LIMIT_PER_ADDRESS: '0',
    }),
  );
  await new Promise<void>((r) => app.server.listen(0, '127.0.0.1', () => r()));
  botUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const results: WidgetRun[] = [];
  try {
    for (const network of ['loopback', 'emulated'] as const)
      for (const start of ['preloaded', 'cold'] as const) {
        const ms: number[] = [];
        for (let i = 0; i < runs; i++) {
          const context = await browser.newContext({ viewport: { width: 1280, height: 800 } }); // cold cache
          const page = await context.newPage();
          await page.addInitScript(PROBE);
          if (network === 'emulated') {
            const cdp = await context.newCDPSession(page);
            await cdp.send('Network.enable');
            await cdp.send('Network.emulateNetworkConditions', EMULATED);
          }
          await page.goto(`${hostUrl}/`, { waitUntil: start === 'cold' ? 'commit' : 'load' });
          const launcher = page.locator('.ikh-launcher');
          if (start === 'preloaded')
            await page.waitForFunction('!!window.WebChat', undefined, { timeout: 60_000 });
          await launcher.click({ timeout: 60_000 });
          await page.waitForFunction('!!window.__ikh.greeted', undefined, { timeout: 60_000, polling: 10 });
          const t = await page.evaluate<{ click: number; greeted: number }>('window.__ikh');
          ms.push(t.greeted - t.click);
          await context.close();
        }
        results.push({ network, start, ms, median: median(ms) });
      }
  } finally {
    await browser.close();
    await app.close();
    await new Promise<void>((r) => host.close(() => r()));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return results;
}
