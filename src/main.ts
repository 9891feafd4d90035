/* Composition root: reads the config, builds the app, listens, and shuts down cleanly. */
import { createApp } from './app';
import { ConfigError, loadDotEnv, readConfig } from './config';
import { ContentError } from './content/load-content';

async function main(): Promise<void> {
  loadDotEnv();
  const config = readConfig();
  const app = createApp(config);
  const swept = await app.storage.sweepExpired();
  app.server.listen(config.port, config.host, () => {
    app.logger.info(
      {
        url: app.server.url,
        flows: app.content.engine.index.version,
        lexicon: app.content.lexiconSource,
        dataDir: config.dataDir,
        auth: config.bot.appId ? 'on' : 'off',
        mode: config.production ? 'production' : 'development',
        webChat: app.webChat.mode,
        swept,
      },
      'roadmap bot listening on POST /api/messages',
    );
  });
  // Graceful stop: no new connections, in-flight turns finish (up to SHUTDOWN_GRACE_SECONDS), store closed.
  const stop = (signal: string) => {
    app.logger.info({ signal, inFlight: app.inFlight.count }, 'shutting down');
    setTimeout(
      () => {
        app.logger.error({ signal }, 'shutdown took too long; exiting');
        process.exit(1);
      },
      (config.shutdownGraceSeconds + 5) * 1000,
    ).unref();
    app.close().then(
      (finished) => {
        app.logger.info({ finished }, 'stopped');
        process.exit(0);
      },
      (e: unknown) => {
        app.logger.error({ err: { name: (e as Error).name } }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

main().catch((e: unknown) => {
  if (e instanceof ConfigError || e instanceof ContentError) console.error(e.message);
  else console.error(e);
  process.exit(1);
});
