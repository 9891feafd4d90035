import type { AddressInfo } from 'node:net';
import { createApp, type App, type AppOptions } from '../../src/app';
import { readConfig } from '../../src/config';
import type { Lang } from '../../src/engine/types';
import { tempDir } from '../helpers/http-bot';

/** A bot with its web chat, listening on a random port of 127.0.0.1. */
export interface WebBot {
  app: App;
  url: string;
  t(lng: Lang, key: string, options?: Record<string, unknown>): string;
  close(): Promise<void>;
}

export async function startWebBot(
  env: Record<string, string> = {},
  options: AppOptions = {},
  /** 0: any free port; a port of a bot closed before: "the same server, restarted". */
  port = 0,
): Promise<WebBot> {
  const config = readConfig({ DATA_DIR: tempDir(), PORT: '0', LOG_LEVEL: 'silent', ...env });
  const app = createApp(config, options);
  await new Promise<void>((resolve) => app.server.listen(port, '127.0.0.1', () => resolve()));
  const address = app.server.address() as AddressInfo;
  return {
    app,
    url: `http://127.0.0.1:${address.port}`,
    t: (lng, key, opts) => app.content.i18n.getFixedT(lng)(key, { days: 30, ...opts }) as string,
    close: async () => {
      await app.close();
    },
  };
}

export interface Started {
  conversationId: string;
  token: string;
  expires_in: number;
  streamUrl: string;
}

export interface DlActivityOut {
  id: string;
  type: string;
  text?: string;
  name?: string;
  value?: unknown;
  from: { id: string; role?: string };
  channelData?: { clientActivityID?: string };
  suggestedActions?: { actions: { title: string; value: unknown }[] };
  attachments?: {
    contentType: string;
    content: { title?: string; buttons?: { title: string; value: unknown }[] };
  }[];
}

/** A plain HTTP client of the Direct Line 3.0 endpoint, to test it call by call. */
export function directLine(base: string, headers: Record<string, string> = {}) {
  const root = `${base}/v3/directline`;
  const auth = (token?: string): Record<string, string> =>
    token ? { ...headers, authorization: `Bearer ${token}` } : { ...headers };
  const json = async (res: Response) => ({
    status: res.status,
    headers: res.headers,
    body: await res.json().catch(() => null),
  });
  return {
    start: (token?: string) =>
      fetch(`${root}/conversations`, { method: 'POST', headers: auth(token) }).then(json),
    reconnect: (id: string, token?: string, watermark = '') =>
      fetch(`${root}/conversations/${id}?watermark=${watermark}`, { headers: auth(token) }).then(json),
    post: (id: string, token: string | undefined, activity: Record<string, unknown>) =>
      fetch(`${root}/conversations/${id}/activities`, {
        method: 'POST',
        headers: { ...auth(token), 'content-type': 'application/json' },
        body: JSON.stringify(activity),
      }).then(json),
    activities: (id: string, token?: string, watermark = '') =>
      fetch(`${root}/conversations/${id}/activities?watermark=${watermark}`, { headers: auth(token) }).then(
        json,
      ),
    refresh: (token?: string) =>
      fetch(`${root}/tokens/refresh`, { method: 'POST', headers: auth(token) }).then(json),
  };
}

export const messages = (activities: DlActivityOut[]) =>
  activities.filter((a) => a.type === 'message' && a.from.role === 'bot');

export const botTexts = (activities: DlActivityOut[]) =>
  messages(activities)
    .map((a) => a.text)
    .filter((t): t is string => typeof t === 'string');

/** The value of the suggested action with this title in the last activity that has suggested actions. */
export function button(activities: DlActivityOut[], title: string): unknown {
  const last = [...activities].reverse().find((a) => a.suggestedActions);
  const action = last?.suggestedActions?.actions.find((a) => a.title === title);
  if (!action)
    throw new Error(
      `no button "${title}" in ${JSON.stringify(last?.suggestedActions?.actions.map((a) => a.title))}`,
    );
  return action.value;
}

/** The payload of a JWT (no check of the signature): what Web Chat reads from a Direct Line token. */
export const jwtPayload = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
