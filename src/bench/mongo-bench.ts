import { newConversations } from './conversation';
import { runLoad, type LoadResult } from './http-load';
import type { Rng } from './rng';
import { startBot } from './servers';

/**
 * The bot on MongoDB next to the bot on its embedded lmdb store: the same HTTP load (autocannon,
 * `/api/messages` with expectReplies, `connections` concurrent conversations for `seconds`), first on
 * lmdb, then with MONGODB_URI set (a fresh database). Turns per second and p99 of each.
 */
export interface MongoBenchResult {
  uri: string;
  connections: number;
  seconds: number;
  lmdb: LoadResult;
  mongo: LoadResult;
}

export async function benchMongo(o: {
  uri: string;
  connections: number;
  seconds: number;
  rng: Rng;
  config: Record<string, string>;
}): Promise<MongoBenchResult> {
  const run = async (extra: Record<string, string>, name: string): Promise<LoadResult> => {
    const bot = await startBot({ config: { ...o.config, ...extra } });
    try {
      const conversations = newConversations(name, o.connections * 4, o.rng);
      // A short warm-up (first turns create the conversations), then the measured run.
      await runLoad({
        url: bot.url,
        connections: o.connections,
        conversations,
        amount: o.connections * 4,
        rng: o.rng,
      });
      return await runLoad({
        url: bot.url,
        connections: o.connections,
        conversations,
        durationS: o.seconds,
        rng: o.rng,
      });
    } finally {
      await bot.stop();
      bot.removeData();
    }
  };
  const lmdb = await run({}, 'lmdb');
  const mongo = await run(
    {
      MONGODB_URI: o.uri,
      MONGODB_DB: `bench-${process.pid}-${Date.now()}`,
      PLAN_LINK_SECRET: 'bench-plan-link-secret-0123456789abcdef',
    },
    'mongo',
  );
  return { uri: o.uri, connections: o.connections, seconds: o.seconds, lmdb, mongo };
}
