import { ConnectionStatus, DirectLine, type Activity, type Services } from 'botframework-directlinejs';
import { Observable } from 'rxjs/Observable';
import { WebSocket as NodeWebSocket } from 'ws';
import { JOIN_EVENT } from '../../src/bot/web-chat-events';
import { startWebBot, type WebBot } from '../web/web-helpers';

/**
 * Microsoft's own Direct Line client, botframework-directlinejs (what Web Chat uses inside), holds a
 * conversation against the bot's self-hosted endpoint: by polling, over the WebSocket stream, and
 * again after a "reload" with the saved conversation id and token. In Node it needs an HTTP
 * function (it is written for XMLHttpRequest) and, for the stream, the `ws` package.
 */
interface AjaxRequest {
  method?: string;
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
}

/** rxjs 5 ajax on top of fetch: { response, status } or an error with { status, xhr.getResponseHeader }. */
function fetchAjax(request: AjaxRequest) {
  return new Observable<{ response: unknown; status: number }>((subscriber) => {
    const abort = new AbortController();
    const body =
      request.body === undefined
        ? undefined
        : typeof request.body === 'string'
          ? request.body
          : JSON.stringify(request.body);
    fetch(request.url, {
      method: request.method ?? 'GET',
      headers: request.headers,
      body,
      signal: abort.signal,
    }).then(
      async (res) => {
        const text = await res.text();
        const response: unknown = text ? JSON.parse(text) : null;
        if (res.ok) {
          subscriber.next({ response, status: res.status });
          subscriber.complete();
        } else
          subscriber.error({
            status: res.status,
            response,
            xhr: { getResponseHeader: (h: string) => res.headers.get(h) },
          });
      },
      (err: unknown) => subscriber.error({ status: 0, err }),
    );
    return () => abort.abort();
  });
}

let bot: WebBot;
beforeAll(async () => {
  bot = await startWebBot();
});
afterAll(async () => {
  await bot.close();
});

const domain = () => `${bot.url}/v3/directline`;

/** A client with its received activities, and waits on what it receives (never a fixed sleep). */
function client(options: ConstructorParameters<typeof DirectLine>[0]) {
  // makeServices reads the global WebSocket unless one is given, even when polling.
  const dl = new DirectLine({
    ajax: fetchAjax as unknown as Services['ajax'],
    WebSocket: NodeWebSocket as unknown as Services['WebSocket'],
    ...options,
  });
  const received: Activity[] = [];
  const subscription = dl.activity$.subscribe((a) => received.push(a));
  const waitFor = (what: string, found: (all: Activity[]) => boolean, ms = 10_000) =>
    new Promise<void>((resolve, reject) => {
      const started = Date.now();
      const check = () => {
        if (found(received)) resolve();
        else if (Date.now() - started > ms)
          reject(new Error(`waited ${ms} ms for ${what}; got ${received.length} activities`));
        else setTimeout(check, 20);
      };
      check();
    });
  const post = (activity: Record<string, unknown>) =>
    new Promise<string>((resolve, reject) =>
      dl.postActivity({ from: { id: 'whoever' }, ...activity } as Activity).subscribe(resolve, reject),
    );
  const saidByBot = (text: string) => (all: Activity[]) =>
    all.some((a) => a.type === 'message' && a.from.role === 'bot' && a.text === text);
  const buttonValue = (title: string): unknown => {
    const last = [...received].reverse().find((a) => a.type === 'message' && a.suggestedActions);
    const action =
      last?.type === 'message' ? last.suggestedActions?.actions.find((x) => x.title === title) : undefined;
    if (!action) throw new Error(`no button "${title}"`);
    return action.value;
  };
  const close = () => {
    subscription.unsubscribe();
    dl.end();
  };
  return { dl, received, waitFor, post, saidByBot, buttonValue, close };
}

/** Joins with the page's language and country, picks a perspective, and types a command. */
async function holdConversation(c: ReturnType<typeof client>) {
  const t = (key: string) => bot.t('nl', key);
  const id = await c.post({ type: 'event', name: JOIN_EVENT, value: { country: 'NL' }, locale: 'nl-NL' });
  await c.waitFor('the Dutch welcome', c.saidByBot(t('entry:welcome.who')));
  expect(c.saidByBot(t('entry:welcome.hello'))(c.received)).toBe(true);
  expect(c.dl.connectionStatus$.getValue()).toBe(ConnectionStatus.Online);
  const conversationId = (c.dl as unknown as { conversationId: string }).conversationId;
  expect(id).toMatch(new RegExp(`^${conversationId}\\|\\d{7}$`));
  // The client's own activity comes back with the id the post returned, sent by the token's user.
  const echo = c.received.find((a) => a.id === id);
  expect(echo?.from).toMatchObject({ role: 'user' });
  expect(echo?.from.id).toMatch(/^dl_/);

  await c.post({ type: 'message', value: c.buttonValue(t('entry:who.employee')), locale: 'nl-NL' });
  await c.waitFor('the phases (the Netherlands is known)', c.saidByBot(t('employee:phases.intro')));
  expect(c.received.some((a) => a.type === 'message' && a.text === t('entry:country.ask'))).toBe(false);

  await c.post({ type: 'message', text: 'help', locale: 'nl-NL' });
  await c.waitFor('the help text', c.saidByBot(t('common:help.commands')));
  return { conversationId, token: (c.dl as unknown as { token: string }).token };
}

describe('botframework-directlinejs against the self-hosted Direct Line', () => {
  it('holds a conversation by polling', async () => {
    const c = client({ domain: domain(), webSocket: false, pollingInterval: 200 });
    try {
      await holdConversation(c);
    } finally {
      c.close();
    }
  });

  it('holds a conversation over the WebSocket stream', async () => {
    Object.assign(globalThis, { WebSocket: NodeWebSocket }); // directlinejs checks for a global WebSocket
    const c = client({ domain: domain(), webSocket: true });
    try {
      await holdConversation(c);
      expect((c.dl as unknown as { streamUrl: string }).streamUrl).toMatch(
        /^ws:\/\/127\.0\.0\.1:\d+\/v3\/directline\//,
      );
    } finally {
      c.close();
      delete (globalThis as { WebSocket?: unknown }).WebSocket;
    }
  });

  it('after a "reload", a new client with the saved id and token gets the whole conversation and goes on', async () => {
    const first = client({ domain: domain(), webSocket: false, pollingInterval: 200 });
    let saved: { conversationId: string; token: string };
    try {
      saved = await holdConversation(first);
    } finally {
      first.close();
    }
    const again = client({ domain: domain(), webSocket: false, pollingInterval: 200, ...saved });
    try {
      await again.waitFor('the history', again.saidByBot(bot.t('nl', 'common:help.commands')));
      expect(
        again.received.some((a) => a.type === 'message' && a.text === bot.t('nl', 'entry:welcome.hello')),
      ).toBe(true);
      await again.post({ type: 'message', text: 'menu', locale: 'nl-NL' });
      const phases = bot.t('nl', 'employee:phases.intro');
      await again.waitFor(
        'the menu again',
        (all) => all.filter((a) => a.type === 'message' && a.text === phases).length === 2,
      );
    } finally {
      again.close();
    }
  });
});
