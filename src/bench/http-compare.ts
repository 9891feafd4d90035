import type { ServerChild } from './child';
import { newConversations } from './conversation';
import { mergeLoads, runLoad, type LoadResult } from './http-load';
import type { Rng } from './rng';
import { childCpuMicros, startBot, startEcho, type BotOptions } from './servers';

/**
 * The roadmap bot and the echo bot under the same load. Both run (each in its own process) for the whole
 * comparison, and every level is measured in alternating rounds — bot then echo, echo then bot, … — each
 * round a share of the level's seconds, so a change in the machine's background load (on 2 cores shared
 * with the load generator, figures drift by ±20 % over a minute) touches both sides of a ratio alike. A
 * level's figures pool its rounds; the ratio of each round is kept too, to show the spread. Each level uses new conversations (one
 * per connection). Each server is warmed up first with the same number of turns (warmupTurns), so both
 * are measured in their steady state, the way a server runs for days: past JIT compilation, and past
 * Node's check on the deprecated Buffer() constructor (restify's body reader calls it), which walks the
 * stack for each of the first 10 000 calls in a process and costs tens of µs each.
 */
export interface CompareOptions {
  levels: number[];
  /** Seconds of load per level and server, split over the rounds. */
  seconds: number;
  /** Alternating rounds per level (at least 1). */
  rounds: number;
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
  /** The server's own CPU time during the run(s), ms. */
  cpuMs: number;
  cpuMsPerTurn: number;
}

/** One round of a level: both servers, one after the other. */
export interface Round {
  bot: MeasuredLoad;
  echo: MeasuredLoad;
}

export interface CompareResult {
  /** Per level (in the order of `levels`), all rounds pooled. */
  bot: MeasuredLoad[];
  echo: MeasuredLoad[];
  /** Per level, its rounds. */
  rounds: Round[][];
}

async function measured(server: ServerChild, run: () => Promise<LoadResult>): Promise<MeasuredLoad> {
  const before = await childCpuMicros(server.url);
  const result = await run();
  const cpuMs = ((await childCpuMicros(server.url)) - before) / 1000;
  return { ...result, cpuMs, cpuMsPerTurn: cpuMs / result.responses };
}

/** The runs of one server taken as one, CPU time included. */
export function pooled(runs: readonly MeasuredLoad[]): MeasuredLoad {
  const merged = mergeLoads(runs);
  const cpuMs = runs.reduce((n, r) => n + r.cpuMs, 0);
  return { ...merged, cpuMs, cpuMsPerTurn: cpuMs / merged.responses };
}

let runCount = 0;

function load(
  name: ServerName,
  server: ServerChild,
  connections: number,
  length: { durationS: number } | { amount: number },
  o: CompareOptions,
) {
  const tag = 'amount' in length ? `warm${length.amount}` : `${length.durationS}s-${++runCount}`;
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
    const result: CompareResult = { bot: [], echo: [], rounds: [] };
    const rounds = Math.max(1, Math.round(o.rounds));
    const durationS = o.seconds / rounds;
    for (const level of o.levels) {
      const levelRounds: Round[] = [];
      for (let r = 0; r < rounds; r += 1) {
        const order = r % 2 === 0 ? servers : [...servers].reverse();
        const round: Partial<Round> = {};
        for (const [name, server] of order)
          round[name] = await measured(server, () => load(name, server, level, { durationS }, o));
        levelRounds.push(round as Round);
      }
      result.rounds.push(levelRounds);
      result.bot.push(pooled(levelRounds.map((r) => r.bot)));
      result.echo.push(pooled(levelRounds.map((r) => r.echo)));
    }
    return result;
  } finally {
    await Promise.all([bot.stop(), echo?.stop()]);
    bot.removeData();
  }
}
