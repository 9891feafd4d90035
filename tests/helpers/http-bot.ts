import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { createApp, type App, type AppOptions } from '../../src/app';
import { readConfig } from '../../src/config';

export interface TestBot {
  app: App;
  url: string;
  dataDir: string;
  /** POSTs an activity with deliveryMode expectReplies; returns the status and the replies. */
  send(
    activity: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<{ status: number; replies: Reply[] }>;
  raw(body: string, headers?: Record<string, string>): Promise<{ status: number; body: string }>;
  close(): Promise<void>;
}

export interface Reply {
  type: string;
  text?: string;
  suggestedActions?: { actions: { title: string; value: unknown }[] };
  attachments?: { contentType: string; content: Record<string, unknown> }[];
}

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'roadmap-bot-'));
}

export async function startBot(
  env: Record<string, string> = {},
  dataDir = tempDir(),
  options: AppOptions = {},
): Promise<TestBot> {
  const config = readConfig({ DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent', ...env });
  const app = createApp(config, options);
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = app.server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const raw = async (body: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });
    return { status: res.status, body: await res.text() };
  };
  return {
    app,
    url,
    dataDir,
    raw,
    async send(activity, headers) {
      const r = await raw(JSON.stringify({ deliveryMode: 'expectReplies', ...activity }), headers);
      const parsed = r.body ? (JSON.parse(r.body) as { activities?: Reply[] }) : {};
      return { status: r.status, replies: parsed.activities ?? [] };
    },
    close: async () => {
      await app.close();
    },
  };
}

let seq = 0;
/** A message activity as the Emulator / Web Chat send it. */
export function message(conversation: string, fields: Record<string, unknown> = {}): Record<string, unknown> {
  seq += 1;
  return {
    type: 'message',
    id: `a${seq}`,
    channelId: 'emulator',
    serviceUrl: 'http://127.0.0.1:9',
    conversation: { id: conversation },
    from: { id: `user-${conversation}` },
    recipient: { id: 'bot' },
    locale: 'en-US',
    ...fields,
  };
}

/** The payload of the suggested action with this title in the last reply that has suggested actions. */
export function buttonValue(replies: Reply[], title: string): unknown {
  const withActions = [...replies].reverse().find((r) => r.suggestedActions);
  const action = withActions?.suggestedActions?.actions.find((a) => a.title === title);
  if (!action)
    throw new Error(
      `no button "${title}" in ${JSON.stringify(withActions?.suggestedActions?.actions.map((a) => a.title))}`,
    );
  return action.value;
}

export const texts = (replies: Reply[]) =>
  replies.filter((r) => r.type === 'message' && r.text).map((r) => r.text as string);
