import type { Browser, Locator, Page } from 'playwright-core';
import type { Lang } from '../../src/engine/types';
import { tempDir } from '../helpers/http-bot';
import { startWebBot, type WebBot } from '../web/web-helpers';
import { axe, browserSuite, launch, screenshot, watchCsp, type AxeViolation } from './browser';

/**
 * The web chat as a visitor uses it: headless Chromium loads the demo page, the widget talks to the
 * bot's own Direct Line (WebSocket), and the conversation survives a reload. Screenshots are written
 * to test-output/web/. Every wait is for something on screen, never a fixed sleep.
 */
jest.setTimeout(120_000);

const STORAGE_KEY = (url: string) => `iknowhow-webchat:${url}`;

browserSuite('web chat in headless Chromium', () => {
  let bot: WebBot;
  let browser: Browser;
  beforeAll(async () => {
    [bot, browser] = await Promise.all([startWebBot(), launch()]);
  });
  afterAll(async () => {
    await browser?.close();
    await bot?.close();
  });

  const t = (lng: Lang, key: string, options?: Record<string, unknown>) => bot.t(lng, key, options);
  /** Once the country is known, each text is its country variant where there is one. */
  const tBE = (lng: Lang, key: string, options?: Record<string, unknown>) =>
    bot.t(lng, key, { context: 'BE', ...options });
  /**
   * A text in the chat transcript, as the user sees it (the newest one when it is there twice). Web
   * Chat's Markdown makes quotes and apostrophes typographic: "x" shows as “x”, J'aide as J’aide.
   */
  const said = (page: Page, text: string): Locator => {
    const pattern = text
      .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      .replace(/"/g, '["“”]')
      .replace(/'/g, "['‘’]");
    return page
      .locator('.ikh-chat')
      .getByText(new RegExp(`^${pattern}$`))
      .filter({ visible: true })
      .last();
  };
  /** A suggested action (the row of choices above the send box). */
  const choice = (page: Page, title: string): Locator =>
    page.locator('.ikh-chat .webchat__suggested-actions').getByRole('button', { name: title, exact: true });
  const sendBox = (page: Page) => page.locator('.ikh-chat [data-id="webchat-sendbox-input"]');
  /** The conversation the widget keeps in localStorage for the bot at `url` (the suite's bot by default). */
  const saved = (page: Page, url = bot.url) =>
    page.evaluate<{ conversationId: string } | null>(
      `JSON.parse(localStorage.getItem(${JSON.stringify(STORAGE_KEY(url))}))`,
    );
  const serious = (violations: AxeViolation[]) =>
    violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = (where: string, r: { violations: AxeViolation[]; passes: number }) =>
    console.log(
      `axe ${where}: ${r.passes} rules passed; violations: ${
        r.violations.map((v) => `${v.id} (${v.impact}, ${v.nodes.length})`).join(', ') || 'none'
      }`,
    );

  it('welcome → perspective → phase → save a tip → my plan; a reload finds the conversation; axe and CSP clean', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const blocked = await watchCsp(page);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    try {
      await page.goto(`${bot.url}/?lang=en&country=BE`);
      await expect(page.title()).resolves.toBe(t('en', 'web:page.title'));
      await said(page, t('en', 'entry:welcome.hello')).waitFor();
      await choice(page, t('en', 'entry:who.employee')).click();
      // The page's country (data-country="BE") reached the bot: no country question.
      await said(page, tBE('en', 'employee:phases.intro')).waitFor();
      await expect(said(page, t('en', 'entry:country.ask')).count()).resolves.toBe(0);
      await choice(page, tBE('en', 'employee:phases.treatment')).click();
      await said(page, tBE('en', 'employee:treatment.intro')).waitFor();
      await page
        .locator('.ikh-chat')
        .getByRole('button', { name: tBE('en', 'common:tip.save') })
        .first()
        .click();
      await said(page, tBE('en', 'common:tip.saved')).waitFor();
      // "Was this helpful?" is one small line with 👍 / 👎: 👎 asks for an optional reason, which thanks.
      await page.locator('.ikh-chat').getByText(t('en', 'common:feedback.ask')).last().waitFor();
      await page
        .locator('.ikh-chat')
        .getByRole('button', { name: t('en', 'common:feedback.down') })
        .last()
        .click();
      await said(page, t('en', 'common:feedback.why')).waitFor();
      await choice(page, t('en', 'common:feedback.reason.unclear')).click();
      await said(page, t('en', 'common:feedback.thanks')).waitFor();
      await screenshot(page, 'desktop-feedback');
      await sendBox(page).fill('my plan');
      await sendBox(page).press('Enter');
      await said(page, tBE('en', 'common:plan.title')).waitFor();
      await said(page, tBE('en', 'common:plan.tips', { count: 1 })).waitFor();
      await screenshot(page, 'desktop-my-plan');

      const a11y = await axe(page);
      report('desktop, chat open with a conversation', a11y);
      expect(serious(a11y.violations)).toEqual([]);

      const before = await saved(page);
      expect(before?.conversationId).toBeTruthy();
      await page.reload();
      await said(page, tBE('en', 'common:plan.tips', { count: 1 })).waitFor();
      await said(page, tBE('en', 'common:tip.saved')).waitFor();
      expect((await saved(page))?.conversationId).toBe(before?.conversationId);
      await screenshot(page, 'desktop-after-reload');
      // And it goes on from there.
      await sendBox(page).fill('help');
      await sendBox(page).press('Enter');
      await said(page, tBE('en', 'common:help.commands')).waitFor();

      expect(await blocked()).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('a 360 px wide phone, keyboard only: Tab to the chat, type, Escape closes, Enter opens, visible focus', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    try {
      await page.goto(`${bot.url}/?lang=nl`);
      await said(page, t('nl', 'entry:welcome.hello')).waitFor();
      await screenshot(page, 'phone-360-open');
      // The send box speaks like the bot (Web Chat's own Dutch would say "uw").
      expect(await sendBox(page).getAttribute('placeholder')).toBe(t('nl', 'web:widget.placeholder'));
      expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
      const panel = await page.locator('#ikh-panel').boundingBox();
      expect(panel?.width).toBeLessThanOrEqual(360);

      // Keyboard only: Tab until the send box has the focus.
      const focusedIs = (selector: string) =>
        page.evaluate<boolean>(`document.activeElement?.matches(${JSON.stringify(selector)}) ?? false`);
      for (let i = 0; i < 60 && !(await focusedIs('[data-id="webchat-sendbox-input"]')); i++)
        await page.keyboard.press('Tab');
      expect(await focusedIs('[data-id="webchat-sendbox-input"]')).toBe(true);
      await page.keyboard.type('help');
      await page.keyboard.press('Enter');
      await said(page, t('nl', 'common:help.commands')).waitFor();
      // The open panel fills the screen: Tab and Shift+Tab never take the focus to the page behind it.
      for (const key of ['Tab', 'Tab', 'Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab']) {
        await page.keyboard.press(key);
        expect(await focusedIs('#ikh-panel *')).toBe(true);
      }
      await sendBox(page).focus();

      await page.keyboard.press('Escape');
      await page.locator('#ikh-panel').waitFor({ state: 'hidden' });
      expect(await focusedIs('.ikh-launcher')).toBe(true);
      const outline = await page.evaluate<string>(
        'getComputedStyle(document.activeElement).outlineStyle + " " + getComputedStyle(document.activeElement).outlineWidth',
      );
      expect(outline).toMatch(/^solid [2-9]/);
      await screenshot(page, 'phone-360-closed-focus');
      await expect(page.locator('.ikh-launcher').getAttribute('aria-expanded')).resolves.toBe('false');

      await page.keyboard.press('Enter');
      await page.locator('#ikh-panel').waitFor({ state: 'visible' });
      await page.waitForFunction('document.activeElement?.matches(\'[data-id="webchat-sendbox-input"]\')');
      // Back through the choices with Shift+Tab, and pick one with Enter.
      const who = t('nl', 'entry:who.employee');
      for (
        let i = 0;
        i < 30 && (await page.evaluate<string>('document.activeElement?.textContent ?? ""')) !== who;
        i++
      )
        await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Enter');
      // The demo page passes the country its snippet shows (Belgium): straight to the phases.
      await said(page, t('nl', 'employee:phases.intro', { context: 'BE' })).waitFor();
      await choice(page, t('nl', 'employee:phases.diagnosis', { context: 'BE' })).waitFor();
      await screenshot(page, 'phone-360-keyboard');

      const a11y = await axe(page);
      report('360 px, chat open', a11y);
      expect(serious(a11y.violations)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('choices: echoed as the user’s message, all reachable with Up/Down, the focus stays with the next choices; Web Chat speaks like the bot; its keyboard help fits', async () => {
    const host = await hostSite();
    const allowed = await startWebBot({ ALLOWED_ORIGINS: host.url });
    host.embed(allowed.url);
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const requested: string[] = [];
    page.on('request', (r) => requested.push(new URL(r.url()).pathname));
    try {
      await page.goto(`${host.url}/`);
      // Web Chat's script is fetched once the page is idle, before anyone presses the button.
      await page.waitForFunction('!!window.WebChat', undefined, { timeout: 15_000 });
      expect(requested.filter((p) => /^\/webchat\/webchat\.[\w-]{12}\.js$/.test(p))).toHaveLength(1);
      expect(requested).not.toContain('/webchat/token');
      await page.getByRole('button', { name: t('nl', 'web:widget.open') }).click();
      await said(page, t('nl', 'entry:welcome.hello')).waitFor();
      // The panel fits the window above the lifted launcher ("left 96"): its title is never cut off.
      const panel = (await page.locator('#ikh-panel').boundingBox())!;
      expect(panel.y).toBeGreaterThanOrEqual(0);
      await expect(page.locator('#ikh-title').isVisible()).resolves.toBe(true);

      // Keyboard: Down and Up move between the choices; Enter picks one.
      const who = t('nl', 'entry:who.employee');
      await choice(page, who).focus();
      const focused = () => page.evaluate<string>('document.activeElement?.textContent ?? ""');
      await page.keyboard.press('ArrowDown');
      expect(await focused()).toBe(t('nl', 'entry:who.employer'));
      await page.keyboard.press('ArrowUp');
      expect(await focused()).toBe(who);
      await page.keyboard.press('Enter');
      // The pressed choice shows as the user's own message, read out in the bot's register.
      const mine = page.locator('.ikh-chat .webchat__bubble--from-user').filter({ hasText: who });
      await mine.first().waitFor();
      const transcript = await page.locator('.ikh-chat').innerText();
      expect(transcript).not.toContain('U zei');
      // Times in 24-hour form, as Dutch writes them (Web Chat's own formatter says "4:40 p.m.").
      await page.waitForFunction(
        '/Verzonden om [^<]*\\b\\d{2}:\\d{2}\\b/.test(document.querySelector(".ikh-chat").innerHTML)',
      );
      expect(await page.locator('.ikh-chat').innerHTML()).not.toMatch(/\d{1,2}:\d{2}\s?[ap]\.?\s?m\b/i);
      await expect(
        page.locator('.ikh-chat').getByText(t('nl', 'web:widget.youSaid'), { exact: false }).count(),
      ).resolves.toBeGreaterThan(0);

      // The next question's choices (the phases: a long list) get the focus, not the text box.
      const nl = (key: string) => t('nl', key, { context: 'NL' });
      await said(page, nl('employee:phases.intro')).waitFor();
      await page.waitForFunction(
        'document.activeElement?.classList.contains("webchat__suggested-action")',
        undefined,
        { timeout: 5000 },
      );
      const titles = await page
        .locator('.ikh-chat .webchat__suggested-action')
        .evaluateAll((bs) => bs.map((b) => b.textContent ?? ''));
      expect(titles.length).toBeGreaterThan(4);
      // Down through the whole list: each choice in turn has the focus and is scrolled into sight.
      for (let i = 1; i < titles.length; i++) {
        await page.keyboard.press('ArrowDown');
        expect(await focused()).toBe(titles[i]);
      }
      const last = page.locator('.ikh-chat .webchat__suggested-action').last();
      const area = (await page.locator('.ikh-chat .webchat__suggested-actions--flow-layout').boundingBox())!;
      const lastBox = (await last.boundingBox())!;
      expect(lastBox.y + lastBox.height).toBeLessThanOrEqual(area.y + area.height + 1);
      // The conversation stays in sight above the choices: once Web Chat has scrolled to the end (it
      // animates), the newest message and the user's echo are on screen.
      await page.waitForFunction(
        '(() => { const x = document.querySelector(".ikh-chat .webchat__basic-transcript__scrollable"); return x.scrollTop + x.clientHeight >= x.scrollHeight - 2; })()',
        undefined,
        { timeout: 5000 },
      );
      await screenshot(page, 'choices-nl-1280x800');
      const transcriptBox = (await page
        .locator('.ikh-chat .webchat__basic-transcript__scrollable')
        .boundingBox())!;
      for (const el of [said(page, nl('employee:phases.intro')), mine.last()]) {
        const b = (await el.boundingBox())!;
        expect(b.y).toBeGreaterThanOrEqual(transcriptBox.y - 1);
        expect(b.y + b.height).toBeLessThanOrEqual(transcriptBox.y + transcriptBox.height + 1);
      }

      // Web Chat's keyboard help (shown when the transcript gets the keyboard focus) fits in the panel.
      for (
        let i = 0;
        i < 20 && !(await page.locator('.ikh-chat .webchat__keyboard-help--shown').count());
        i++
      )
        await page.keyboard.press('Shift+Tab');
      const help = page.locator('.ikh-chat .webchat__keyboard-help--shown');
      await help.waitFor();
      const header = (await help.locator('h2.webchat__keyboard-help__header').boundingBox())!;
      const chat = (await page.locator('.ikh-chat').boundingBox())!;
      expect(header.y).toBeGreaterThanOrEqual(chat.y);
      expect(header.x).toBeGreaterThanOrEqual(chat.x);
      expect(header.x + header.width).toBeLessThanOrEqual(chat.x + chat.width + 1);
      // Its words end before the close button in the corner (measured on the text itself).
      const textRight = await page.evaluate<number>(`(() => {
        const range = document.createRange();
        range.selectNodeContents(document.querySelector('.ikh-chat .webchat__keyboard-help--shown h2'));
        return Math.max(...Array.from(range.getClientRects()).map((r) => r.right));
      })()`);
      const closeBox = (await help.locator('.webchat__keyboard-help__close-button-border').boundingBox())!;
      expect(textRight).toBeLessThanOrEqual(closeBox.x);
      await screenshot(page, 'keyboard-help-nl');
    } finally {
      await context.close();
      await allowed.close();
      await host.close();
    }
  });

  it('a restart of the bot mid-conversation: the open tab carries on with its plan; a conversation that is truly gone is said to be new', async () => {
    const dataDir = tempDir();
    let server = await startWebBot({ DATA_DIR: dataDir });
    const port = Number(new URL(server.url).port);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    try {
      await page.goto(`${server.url}/?lang=en&country=UK`);
      await said(page, t('en', 'entry:welcome.hello')).waitFor();
      await choice(page, t('en', 'entry:who.employee')).click();
      const uk = (key: string) => t('en', key, { context: 'UK' });
      await choice(page, uk('employee:phases.treatment')).click();
      await said(page, uk('employee:treatment.intro')).waitFor();
      await page
        .locator('.ikh-chat')
        .getByRole('button', { name: t('en', 'common:tip.save') })
        .first()
        .click();
      await said(page, t('en', 'common:tip.saved')).waitFor();
      const conversation = (await saved(page, server.url))?.conversationId;
      expect(conversation).toMatch(/^[\w-]{16,}$/);

      // The bot restarts (a deploy): same address, same DATA_DIR. The tab is not reloaded.
      await server.close();
      server = await startWebBot({ DATA_DIR: dataDir }, {}, port);
      await sendBox(page).fill('my plan');
      await sendBox(page).press('Enter');
      await page.locator('.ikh-chat').getByText(/^✓ /).last().waitFor({ timeout: 30_000 });
      expect((await saved(page, server.url))?.conversationId).toBe(conversation);
      await expect(page.locator('.ikh-status').textContent()).resolves.not.toBe(
        t('en', 'web:widget.notRestored'),
      );
      await screenshot(page, 'after-restart-plan');

      // Truly gone (its stored copy removed, then a restart): a reload says so and starts anew.
      await server.app.webChat.flush();
      await server.app.storage.delete([`dl/conv/${conversation}`]);
      await server.close();
      server = await startWebBot({ DATA_DIR: dataDir }, {}, port);
      await page.reload();
      await page.locator('.ikh-status').getByText(t('en', 'web:widget.notRestored')).waitFor();
      await said(page, t('en', 'entry:welcome.hello')).waitFor();
      expect((await saved(page, server.url))?.conversationId).not.toBe(conversation);
    } finally {
      await context.close();
      await server.close();
    }
  });

  it('"delete my data" ends the conversation: the widget starts a new one, and a reload does not bring the old one back', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    try {
      await page.goto(`${bot.url}/?lang=fr&country=FR`);
      await said(page, t('fr', 'entry:welcome.hello')).waitFor();
      await choice(page, t('fr', 'entry:who.employee')).click();
      await said(page, t('fr', 'employee:phases.intro')).waitFor();
      const old = await saved(page);
      await sendBox(page).fill('supprimer mes données');
      await sendBox(page).press('Enter');
      await page.locator('.ikh-status').getByText(t('fr', 'web:widget.deleted')).waitFor();
      await said(page, t('fr', 'entry:welcome.hello')).waitFor();
      await expect(said(page, t('fr', 'employee:phases.intro')).count()).resolves.toBe(0);
      await page.waitForFunction(
        `JSON.parse(localStorage.getItem(${JSON.stringify(STORAGE_KEY(bot.url))}) || "{}").conversationId !== ${JSON.stringify(old?.conversationId)}`,
      );
      await screenshot(page, 'deleted-new-conversation');
      await page.reload();
      await said(page, t('fr', 'entry:welcome.hello')).waitFor();
      await expect(said(page, t('fr', 'employee:phases.intro')).count()).resolves.toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  /** Another website (another origin) with the one tag, in <head> and without defer. */
  async function hostSite(): Promise<{ url: string; embed(botUrl: string): void; close(): Promise<void> }> {
    const http = await import('node:http');
    let botUrl = '';
    const server = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><html lang="nl"><head><title>Host</title>
<script src="${botUrl}/embed.js" data-lang="nl" data-country="NL" data-position="left 96"></script></head>
<body><main><h1>Een andere website</h1></main></body></html>`);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const { port } = server.address() as { port: number };
    return {
      url: `http://127.0.0.1:${port}`,
      embed: (url) => (botUrl = url),
      close: () => new Promise((r) => server.close(() => r())),
    };
  }

  it('one tag on another website (listed in ALLOWED_ORIGINS) adds the button and a working chat', async () => {
    const host = await hostSite();
    const allowed = await startWebBot({ ALLOWED_ORIGINS: host.url });
    host.embed(allowed.url);
    const context = await browser.newContext({ viewport: { width: 1024, height: 800 } });
    const page = await context.newPage();
    try {
      await page.goto(`${host.url}/`);
      // data-position="left 96": the button sits on the left, 96 px up, clear of the site's own footer.
      const box = await page.getByRole('button', { name: t('nl', 'web:widget.open') }).boundingBox();
      expect(box!.x).toBeLessThan(40);
      expect(Math.round(800 - box!.y - box!.height)).toBe(96);
      await page.getByRole('button', { name: t('nl', 'web:widget.open') }).click();
      await said(page, t('nl', 'entry:welcome.hello')).waitFor();
      await choice(page, t('nl', 'entry:who.employee')).click();
      await said(page, t('nl', 'employee:phases.intro')).waitFor(); // NL from data-country
      await screenshot(page, 'other-website');
    } finally {
      await context.close();
      await host.close();
      await allowed.close();
    }
  });

  it('on a website that is not allowed, the visitor reads that the chat is not available here, the site owner the setting to change', async () => {
    const host = await hostSite();
    host.embed(bot.url);
    const context = await browser.newContext({ viewport: { width: 1024, height: 800 } });
    const page = await context.newPage();
    const warnings: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'warning') warnings.push(m.text());
    });
    try {
      await page.goto(`${host.url}/`);
      await page.getByRole('button', { name: t('nl', 'web:widget.open') }).click();
      await page.locator('.ikh-status').getByText(t('nl', 'web:widget.notAvailable')).waitFor();
      // Not the visitor's connection: no "check your connection", no retry button.
      await expect(page.locator('.ikh-status').getByText(t('nl', 'web:widget.error')).count()).resolves.toBe(
        0,
      );
      await expect(page.getByRole('button', { name: t('nl', 'web:widget.retry') }).count()).resolves.toBe(0);
      expect(warnings.some((w) => w.includes('ALLOWED_ORIGINS') && w.includes(host.url))).toBe(true);
      await screenshot(page, 'other-website-not-allowed');
    } finally {
      await context.close();
      await host.close();
    }
  });

  it('shows a typing indicator while the bot works on a slow turn', async () => {
    const { LmdbStorage } = await import('../../src/storage/lmdb-storage');
    const store = LmdbStorage.open({ path: `${tempDir()}/state`, ttlMs: 60_000 });
    const slow = Object.assign(Object.create(store) as typeof store, {
      read: async (keys: string[]) => {
        await new Promise((r) => setTimeout(r, 1500));
        return store.read(keys);
      },
    });
    const slowBot = await startWebBot({}, { storage: slow });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    try {
      await page.goto(`${slowBot.url}/?lang=en&country=UK`);
      await said(page, t('en', 'entry:welcome.hello')).waitFor();
      await sendBox(page).fill('help');
      await sendBox(page).press('Enter');
      await page.locator('.ikh-chat .webchat__typing-indicator').waitFor({ state: 'visible' });
      await screenshot(page, 'typing-indicator');
      await said(page, t('en', 'common:help.commands')).waitFor();
    } finally {
      await context.close();
      await slowBot.close();
    }
  });
});
