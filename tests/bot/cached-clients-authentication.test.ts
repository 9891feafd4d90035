import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Activity } from 'botbuilder';
import {
  BotFrameworkAuthentication,
  ClaimsIdentity,
  ConnectorFactory,
  type AuthenticateRequestResult,
  type BotFrameworkClient,
  type ConnectorClient,
  type UserTokenClient,
} from 'botframework-connector';
import { CachedClientsAuthentication, MAX_CACHED_CLIENTS } from '../../src/bot/cached-clients-authentication';
import { message, startBot } from '../helpers/http-bot';

/** A stand-in for botbuilder's authentication that counts what it builds; clients are plain tagged objects. */
class CountingAuthentication extends BotFrameworkAuthentication {
  authentications = 0;
  connectorsMade: string[] = [];
  userTokenClientsMade = 0;
  failNextCreate = false;

  constructor(private readonly appId: string) {
    super();
  }

  async authenticateRequest(_activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    this.authentications += 1;
    if (authHeader === 'Bearer bad') throw new Error('Unauthorized');
    const claimsIdentity = new ClaimsIdentity([{ type: 'aud', value: this.appId }], true);
    return { audience: 'channels', claimsIdentity, connectorFactory: this.createConnectorFactory() };
  }

  async authenticateStreamingRequest(): Promise<AuthenticateRequestResult> {
    return this.authenticateRequest({} as Activity, '');
  }

  createConnectorFactory(): ConnectorFactory {
    return new CountingFactory(this);
  }

  async makeConnector(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    if (this.failNextCreate) {
      this.failNextCreate = false;
      throw new Error('credentials unavailable');
    }
    const made = `${this.appId} ${serviceUrl} ${audience ?? ''} #${this.connectorsMade.length}`;
    this.connectorsMade.push(made);
    return { made } as unknown as ConnectorClient;
  }

  async createUserTokenClient(): Promise<UserTokenClient> {
    this.userTokenClientsMade += 1;
    return { made: this.userTokenClientsMade } as unknown as UserTokenClient;
  }

  override createBotFrameworkClient(): BotFrameworkClient {
    return { postActivity: async () => ({ status: 200 }) } as unknown as BotFrameworkClient;
  }
}

class CountingFactory extends ConnectorFactory {
  constructor(private readonly auth: CountingAuthentication) {
    super();
  }

  create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    return this.auth.makeConnector(serviceUrl, audience);
  }
}

const made = (client: ConnectorClient) => (client as unknown as { made: string }).made;

async function connectorFor(auth: BotFrameworkAuthentication, serviceUrl: string, audience = 'channels') {
  const result = await auth.authenticateRequest({} as Activity, 'Bearer ok');
  return result.connectorFactory!.create(serviceUrl, audience);
}

describe('CachedClientsAuthentication', () => {
  it('authenticates every request but builds one connector client per service URL and audience', async () => {
    const inner = new CountingAuthentication('app-1');
    const auth = new CachedClientsAuthentication(inner);
    const a = await connectorFor(auth, 'https://smba.example/emea/');
    const b = await connectorFor(auth, 'https://smba.example/emea/');
    const c = await connectorFor(auth, 'https://smba.example/amer/');
    const d = await connectorFor(auth, 'https://smba.example/emea/', 'other-audience');
    expect(inner.authentications).toBe(4);
    expect(b).toBe(a);
    expect(made(c)).not.toBe(made(a));
    expect(made(d)).not.toBe(made(a));
    expect(inner.connectorsMade).toHaveLength(3);
  });

  it('still refuses a request whose authentication fails', async () => {
    const auth = new CachedClientsAuthentication(new CountingAuthentication('app-1'));
    await connectorFor(auth, 'https://smba.example/emea/');
    await expect(auth.authenticateRequest({} as Activity, 'Bearer bad')).rejects.toThrow('Unauthorized');
  });

  it('keeps the clients of different app ids apart', async () => {
    const one = new CountingAuthentication('app-1');
    const auth = new CachedClientsAuthentication(one);
    const viaRequest = await connectorFor(auth, 'https://smba.example/emea/');
    const other = auth.createConnectorFactory(new ClaimsIdentity([{ type: 'appid', value: 'app-2' }], true));
    const forApp2 = await other.create('https://smba.example/emea/', 'channels');
    expect(made(forApp2)).not.toBe(made(viaRequest));
    // The factory made from an identity shares the cache with the one of the request, for the same app id.
    const same = auth.createConnectorFactory(new ClaimsIdentity([{ type: 'aud', value: 'app-1' }], true));
    expect(await same.create('https://smba.example/emea/', 'channels')).toBe(viaRequest);
  });

  it('forgets a client that could not be made, and makes it again next time', async () => {
    const inner = new CountingAuthentication('app-1');
    const auth = new CachedClientsAuthentication(inner);
    inner.failNextCreate = true;
    await expect(connectorFor(auth, 'https://smba.example/emea/')).rejects.toThrow('credentials unavailable');
    const client = await connectorFor(auth, 'https://smba.example/emea/');
    expect(made(client)).toContain('https://smba.example/emea/');
    expect(inner.connectorsMade).toHaveLength(1);
  });

  it('keeps at most MAX_CACHED_CLIENTS clients: the least recently used one goes first', async () => {
    const inner = new CountingAuthentication('app-1');
    const auth = new CachedClientsAuthentication(inner);
    const first = await connectorFor(auth, 'https://service/0');
    for (let i = 1; i <= MAX_CACHED_CLIENTS; i += 1) await connectorFor(auth, `https://service/${i}`);
    expect(inner.connectorsMade).toHaveLength(MAX_CACHED_CLIENTS + 1);
    const again = await connectorFor(auth, 'https://service/0');
    expect(again).not.toBe(first);
    expect(inner.connectorsMade).toHaveLength(MAX_CACHED_CLIENTS + 2);
    // The most recent ones are still kept.
    await connectorFor(auth, `https://service/${MAX_CACHED_CLIENTS}`);
    expect(inner.connectorsMade).toHaveLength(MAX_CACHED_CLIENTS + 2);
  });

  it('builds one user token client per app id, and passes the rest through', async () => {
    const inner = new CountingAuthentication('app-1');
    const auth = new CachedClientsAuthentication(inner);
    const identity = new ClaimsIdentity([{ type: 'aud', value: 'app-1' }], true);
    const first = await auth.createUserTokenClient(identity);
    expect(await auth.createUserTokenClient(identity)).toBe(first);
    await auth.createUserTokenClient(new ClaimsIdentity([{ type: 'aud', value: 'app-2' }], true));
    expect(inner.userTokenClientsMade).toBe(2);
    expect(auth.createBotFrameworkClient()).toHaveProperty('postActivity');
  });
});

/** A channel service that records the activities the bot posts to it (the Bot Connector's REST API). */
async function fakeChannelService() {
  const posted: { path: string; activity: { type?: string; text?: string } }[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      posted.push({ path: req.url ?? '', activity: JSON.parse(body || '{}') as { type?: string } });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `reply-${posted.length}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    posted,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('replies sent to the channel service (no expectReplies)', () => {
  it('reach it on every turn, through the cached connector client', async () => {
    const channel = await fakeChannelService();
    const bot = await startBot();
    try {
      for (const [id, text] of [
        ['m1', 'hello'],
        ['m2', 'menu'],
      ] as const) {
        const res = await bot.raw(
          JSON.stringify(message('channel-1', { id, text, serviceUrl: channel.url, channelId: 'webchat' })),
        );
        expect(res.status).toBe(200);
      }
      const messages = channel.posted.filter((p) => p.activity.type === 'message');
      expect(messages.some((p) => p.path === '/v3/conversations/channel-1/activities/m1')).toBe(true);
      expect(messages.some((p) => p.path === '/v3/conversations/channel-1/activities/m2')).toBe(true);
      const first = messages.filter((p) => p.path.endsWith('/m1'));
      expect(first.some((p) => (p.activity.text ?? '').length > 0)).toBe(true);
    } finally {
      await bot.close();
      await channel.close();
    }
  });
});
