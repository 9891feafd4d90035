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
        dataDir: config.dataDir,
        auth: config.bot.appId ? 'on' : 'off',
        swept,
      },
      'roadmap bot listening on POST /api/messages',
    );
  });
  const stop = (signal: string) => {
    app.logger.info({ signal }, 'shutting down');
    setTimeout(() => process.exit(0), 10_000).unref();
    void app.close().then(() => process.exit(0));
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

main().catch((e: unknown) => {
  if (e instanceof ConfigError || e instanceof ContentError) console.error(e.message);
  else console.error(e);
  process.exit(1);
});
