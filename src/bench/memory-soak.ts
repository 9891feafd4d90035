import { newConversations } from './conversation';
import { dirSize } from './dir-size';
import { errorsOf, runLoad, type LoadResult } from './http-load';
import type { Rng } from './rng';
import { childMemory, startBot, type ChildMemory } from './servers';

/**
 * Memory of the bot child (after a full GC) at checkpoints of turns through the whole HTTP stack, all on
 * the same conversations: once the first checkpoint is reached every conversation exists, so what is
 * stored no longer grows in count, and memory should not grow either.
 */
export interface SoakOptions {
  conversations: number;
  connections: number;
  /** Cumulative turn counts at which memory is read, e.g. [10_000, 100_000]. */
  checkpoints: number[];
  rng: Rng;
  config?: Record<string, string>;
}

export interface SoakPoint {
  turns: number;
  memory: ChildMemory;
  dataDir: { apparent: number; allocated: number };
  /** The load run that led to this point (absent for the point before any turn). */
  load?: LoadResult;
}

export interface SoakResult {
  points: SoakPoint[];
  errors: number;
}

export async function soakMemory(o: SoakOptions): Promise<SoakResult> {
  const bot = await startBot({ config: o.config, nodeArgs: ['--expose-gc'] });
  const conversations = newConversations('soak', o.conversations, o.rng);
  const points: SoakPoint[] = [];
  let turns = 0;
  let errors = 0;
  try {
    points.push({ turns, memory: await childMemory(bot.url), dataDir: dirSize(bot.dataDir) });
    for (const target of o.checkpoints) {
      const load = await runLoad({
        url: bot.url,
        connections: o.connections,
        conversations,
        amount: target - turns,
        rng: o.rng,
      });
      turns = target;
      errors += errorsOf(load);
      points.push({ turns, memory: await childMemory(bot.url), dataDir: dirSize(bot.dataDir), load });
    }
    return { points, errors };
  } finally {
    await bot.stop();
    bot.removeData();
  }
}
