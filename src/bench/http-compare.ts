import type { ServerChild } from './child';
import { newConversations } from './conversation';
import { runLoad, type LoadResult } from './http-load';
import type { Rng } from './rng';
import { startBot, startEcho, type BotOptions } from './servers';

/**
 * The roadmap bot and the echo bot under the same load: for each level of concurrent conversations,
 * new conversations (one per connection) talk for `seconds`, after one warm-up run per server.
 */
export interface CompareOptions {
  levels: number[];
  seconds: number;
  warmupSeconds: number;
  rng: Rng;
  bot?: BotOptions;
  onResult?: (server: 'bot' | 'echo', r: LoadResult) => void;
}

export interface CompareResult {
  bot: LoadResult[];
  echo: LoadResult[];
}

async function loadLevels(
  name: 'bot' | 'echo',
  server: ServerChild,
  o: CompareOptions,
): Promise<LoadResult[]> {
  const warm = Math.max(...o.levels.filter((l) => l <= 50), 1);
  await runLoad({
    url: server.url,
    connections: warm,
    conversations: newConversations(`${name}-warmup`, warm, o.rng),
    durationS: o.warmupSeconds,
    rng: o.rng,
  });
  const results: LoadResult[] = [];
  for (const level of o.levels) {
    const r = await runLoad({
      url: server.url,
      connections: level,
      conversations: newConversations(`${name}-c${level}`, level, o.rng),
      durationS: o.seconds,
      rng: o.rng,
    });
    o.onResult?.(name, r);
    results.push(r);
  }
  return results;
}

export async function compareHttp(o: CompareOptions): Promise<CompareResult> {
  const bot = await startBot(o.bot);
  let botResults: LoadResult[];
  try {
    botResults = await loadLevels('bot', bot, o);
  } finally {
    await bot.stop();
    bot.removeData();
  }
  const echo = await startEcho();
  try {
    return { bot: botResults, echo: await loadLevels('echo', echo, o) };
  } finally {
    await echo.stop();
  }
}
