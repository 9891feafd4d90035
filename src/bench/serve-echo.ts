/*
 * The reference for the benchmark: an echo bot on the same stack as the roadmap bot (botbuilder
 * CloudAdapter with ConfigurationBotFrameworkAuthentication and no app id, restify 11 with bodyParser),
 * in its own process on 127.0.0.1, announcing `{"port": n}` on stdout. It answers every message with
 * its text; deliveryMode expectReplies returns that reply in the HTTP response.
 */
import type { AddressInfo } from 'node:net';
import restify, { type Request, type Response } from 'restify';
import {
  ActivityHandler,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';

class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity({ type: 'message', text: `You said: ${context.activity.text ?? ''}` });
      await next();
    });
  }
}

const adapter = new CloudAdapter(
  new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: '',
    MicrosoftAppPassword: '',
    MicrosoftAppType: 'MultiTenant',
    MicrosoftAppTenantId: '',
  } as ConfigurationBotFrameworkAuthenticationOptions),
);
const bot = new EchoBot();

// The same server options and body parser settings as src/server/create-server.ts.
const server = restify.createServer({ name: 'echo-bot', handleUncaughtExceptions: false });
server.use(restify.plugins.bodyParser({ maxBodySize: 256 * 1024, mapParams: false, mapFiles: false }));
server.post('/api/messages', async (req: Request, res: Response) => {
  await adapter.process(req, res, (context) => bot.run(context));
});

// Benchmark only, as in serve-bot.ts: the CPU time this process has used so far, µs (user + system).
server.get('/bench/cpu', async (_req: Request, res: Response) => {
  const { user, system } = process.cpuUsage();
  res.send(200, { micros: user + system });
});

server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  console.log(JSON.stringify({ port }));
});

process.once('SIGTERM', () => server.close(() => process.exit(0)));
