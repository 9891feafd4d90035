import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';

/**
 * Headless Chromium (the Debian package) driven by playwright-core. When the browser is missing the
 * browser tests are skipped with a plain SKIPPED line, except under CI=true, where that is a failure.
 */
// Globals of the page, loosely typed: the tests compile without the DOM library.
declare const document: {
  addEventListener(
    type: string,
    listener: (e: { violatedDirective: string; blockedURI: string }) => void,
  ): void;
};

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasBrowser = fs.existsSync(CHROMIUM);
export const OUTPUT = path.join(__dirname, '..', '..', 'test-output', 'web');

export function browserSuite(name: string, body: () => void): void {
  if (hasBrowser) {
    describe(name, body);
    return;
  }
  if (process.env.CI === 'true') {
    describe(name, () => {
      it('needs Chromium (CI=true)', () => {
        throw new Error(`CI=true and no browser at ${CHROMIUM}: install it (apt-get install -y chromium).`);
      });
    });
    return;
  }
  console.warn(
    `SKIPPED: browser tests "${name}": no Chromium at ${CHROMIUM} (install the Debian package chromium).`,
  );
  describe.skip(name, body);
}

export async function launch(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(OUTPUT, { recursive: true });
  const file = path.join(OUTPUT, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core in the page (evaluated through the DevTools protocol, so the page's CSP does not block it). */
export async function axe(page: Page): Promise<{ violations: AxeViolation[]; passes: number }> {
  const source = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(source);
  return page.evaluate(async () => {
    const run = (globalThis as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<unknown> } })
      .axe;
    const r = (await run.run(document, {
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
      },
    })) as { violations: AxeViolation[]; passes: unknown[] };
    return {
      passes: r.passes.length,
      violations: r.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => ({ target: n.target })),
      })),
    };
  });
}

/** Collects what the page's Content-Security-Policy blocked (an init script runs before the page's own). */
export async function watchCsp(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const w = globalThis as unknown as { __cspViolations: string[] };
    w.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      w.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  return () => page.evaluate(() => (globalThis as unknown as { __cspViolations: string[] }).__cspViolations);
}
