import type { ServerChild } from './child';
import { newConversations } from './conversation';
import { runLoad, type LoadResult } from './http-load';
import type { Rng } from './rng';
import { startBot, startEcho, type BotOptions } from './servers';

/**
 * The roadmap bot and the echo bot under the same load. Both run (each in its own process) for the whole
 * comparison, and every level is measured on the bot, then at once on the echo bot, so a change in the
 * machine's background load touches both sides of a ratio alike. Each level uses new conversations (one
 * per connection); one warm-up run per server first.
 */
export interface CompareOptions {
  levels: number[];
  seconds: number;
  warmupSeconds: number;
  rng: Rng;
  bot?: BotOptions;
  /** Node options of the echo bot's process (e.g. to profile it too). */
  echoNodeArgs?: string[];
}

export type ServerName = 'bot' | 'echo';

export interface CompareResult {
  bot: LoadResult[];
  echo: LoadResult[];
}

function load(
  name: ServerName,
  server: ServerChild,
  connections: number,
  seconds: number,
  o: CompareOptions,
) {
  return runLoad({
    url: server.url,
    connections,
    conversations: newConversations(`${name}-${seconds}s-c${connections}`, connections, o.rng),
    durationS: seconds,
    rng: o.rng,
  });
}

export async function compareHttp(o: CompareOptions): Promise<CompareResult> {
  const bot = await startBot(o.bot);
  let echo: ServerChild | undefined;
  try {
    echo = await startEcho(o.echoNodeArgs);
    const servers: [ServerName, ServerChild][] = [
      ['bot', bot],
      ['echo', echo],
    ];
    const warm = Math.max(1, ...o.levels.filter((l) => l <= 50));
    for (const [name, server] of servers) await load(name, server, warm, o.warmupSeconds, o);
    const result: CompareResult = { bot: [], echo: [] };
    for (const level of o.levels)
      for (const [name, server] of servers) result[name].push(await load(name, server, level, o.seconds, o));
    return result;
  } finally {
    await Promise.all([bot.stop(), echo?.stop()]);
    bot.removeData();
  }
}
