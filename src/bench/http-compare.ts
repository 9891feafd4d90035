import type { ServerChild } from './child';
import { newConversations } from './conversation';
import { runLoad, type LoadResult } from './http-load';
import type { Rng } from './rng';
import { childCpuMicros, startBot, startEcho, type BotOptions } from './servers';

/**
 * The roadmap bot and the echo bot under the same load. Both run (each in its own process) for the whole
 * comparison, and every level is measured on the bot, then at once on the echo bot, so a change in the
 * machine's background load touches both sides of a ratio alike. Each level uses new conversations (one
 * per connection). Each server is warmed up first with the same number of turns (warmupTurns), so both
 * are measured in their steady state, the way a server runs for days: past JIT compilation, and past
 * Node's check on the deprecated Buffer() constructor (restify's body reader calls it), which walks the
 * stack for each of the first 10 000 calls in a process and costs tens of µs each.
 */
export interface CompareOptions {
  levels: number[];
  seconds: number;
  /** Turns each server answers before the measured runs (at the busiest level up to 50). */
  warmupTurns: number;
  rng: Rng;
  bot?: BotOptions;
  /** Node options of the echo bot's process (e.g. to profile it too). */
  echoNodeArgs?: string[];
}

export type ServerName = 'bot' | 'echo';

/** A load result and the server's own CPU time per answered turn during it. */
export interface MeasuredLoad extends LoadResult {
  cpuMsPerTurn: number;
}

export interface CompareResult {
  bot: MeasuredLoad[];
  echo: MeasuredLoad[];
}

async function measured(server: ServerChild, run: () => Promise<LoadResult>): Promise<MeasuredLoad> {
  const before = await childCpuMicros(server.url);
  const result = await run();
  const used = (await childCpuMicros(server.url)) - before;
  return { ...result, cpuMsPerTurn: used / 1000 / result.responses };
}

function load(
  name: ServerName,
  server: ServerChild,
  connections: number,
  length: { durationS: number } | { amount: number },
  o: CompareOptions,
) {
  const tag = 'amount' in length ? `warm${length.amount}` : `${length.durationS}s`;
  return runLoad({
    url: server.url,
    connections,
    conversations: newConversations(`${name}-${tag}-c${connections}`, connections, o.rng),
    ...length,
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
    for (const [name, server] of servers) await load(name, server, warm, { amount: o.warmupTurns }, o);
    const result: CompareResult = { bot: [], echo: [] };
    for (const level of o.levels)
      for (const [name, server] of servers)
        result[name].push(
          await measured(server, () => load(name, server, level, { durationS: o.seconds }, o)),
        );
    return result;
  } finally {
    await Promise.all([bot.stop(), echo?.stop()]);
    bot.removeData();
  }
}
