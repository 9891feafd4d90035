/*
 * Benchmarks of the bot on this machine; prints measured figures next to their targets (never asserts).
 *   npm run bench                    (BENCH_SECONDS=10 per HTTP level by default)
 * Environment: BENCH_SECONDS (HTTP load per level and server), BENCH_ROUNDS (alternating bot/echo rounds
 * the seconds are split over, default 3), BENCH_ENGINE_STEPS (default 200000),
 * BENCH_ONLY (comma-separated sections: engine, http, startup, stored, memory, usage, mongo, widget), BENCH_LEVELS (concurrent
 * conversations, default 1,50,200), BENCH_MEMORY_TURNS (last memory checkpoint, default 100000), BENCH_CPU_PROF (a directory: the bot
 * and echo children of the HTTP runs write V8 CPU profiles there, bot.cpuprofile and echo.cpuprofile).
 * Exit code 0 when the benchmark ran (missed targets are printed as MISSED), 1 when it could not run.
 */
import os from 'node:os';
import path from 'node:path';
import { benchEngine } from '../bench/engine-bench';
import { compareHttp } from '../bench/http-compare';
import { soakMemory } from '../bench/memory-soak';
import {
  engineSection,
  httpSection,
  machineInfo,
  memorySection,
  startupSection,
  mongoSection,
  storedSection,
  usageSection,
  widgetSection,
} from '../bench/report';
import { seededRng } from '../bench/rng';
import { benchStartup } from '../bench/startup';
import { benchStoredSize } from '../bench/stored-size';
import { benchWidget } from '../bench/widget-bench';
import { benchMongo } from '../bench/mongo-bench';
import { benchUsage } from '../bench/usage-bench';

const positive = (name: string, def: number): number => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return def;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number`);
  return n;
};

/** A load test is many turns per conversation and all from one address: the bot's rate limits off (0). */
// More than the 10 000 calls for which Node checks each deprecated Buffer() call (see http-compare.ts).
const WARMUP_TURNS = 12_000;
const BOT_CONFIG: Record<string, string> = { RATE_LIMIT_PER_CONVERSATION: '0', RATE_LIMIT_PER_ADDRESS: '0' };

/** The environment for `node dist/src/main.js`: the caller's, without settings that change the store or auth. */
function mainEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env)) if (/^(MONGODB_|Microsoft)/.test(key)) delete env[key];
  return env;
}

async function main(): Promise<void> {
  const started = performance.now();
  const seconds = positive('BENCH_SECONDS', 10);
  const rounds = Math.round(positive('BENCH_ROUNDS', 3));
  const steps = Math.round(positive('BENCH_ENGINE_STEPS', 200_000));
  const memoryTurns = Math.round(positive('BENCH_MEMORY_TURNS', 100_000));
  const profileDir = process.env.BENCH_CPU_PROF;
  // BENCH_ONLY=http,startup (sections: engine, http, startup, stored, memory, usage, mongo, widget); default: all.
  const only = (process.env.BENCH_ONLY ?? '').split(',').filter(Boolean);
  const run = (section: string) => only.length === 0 || only.includes(section);
  const rng = seededRng(2024);

  console.log(machineInfo());
  if (run('engine')) console.log(engineSection(benchEngine(steps)));

  if (run('http')) await httpBench();
  if (run('startup')) await startupBench();
  if (run('stored')) await storedBench();
  if (run('memory')) await memoryBench();
  if (run('usage')) console.log(usageSection(await benchUsage(Math.min(steps, 100_000))));
  if (run('mongo')) {
    // MONGODB_URI, else MONGODB_TEST_URI (the test server: .ci/ferretdb.sh starts FerretDB for it).
    const uri = process.env.MONGODB_URI || process.env.MONGODB_TEST_URI;
    console.log(
      mongoSection(
        uri
          ? await benchMongo({
              uri,
              connections: 50,
              seconds: Math.min(seconds, 10),
              rng,
              config: BOT_CONFIG,
            })
          : { skipped: 'no MONGODB_URI or MONGODB_TEST_URI (a MongoDB-compatible server to measure)' },
      ),
    );
  }
  if (run('widget'))
    console.log(widgetSection(await benchWidget(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', 5), 5));
  const load = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  console.log(
    `\nbenchmark finished in ${((performance.now() - started) / 1000).toFixed(0)} s; load average now ${load}`,
  );

  // One .cpuprofile per server, named for it, so the two can be compared side by side.
  function profileArgs(name: string): string[] {
    if (!profileDir) return [];
    return ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profileDir)}`, `--cpu-prof-name=${name}.cpuprofile`];
  }

  async function httpBench(): Promise<void> {
    const http = await compareHttp({
      levels: (process.env.BENCH_LEVELS ?? '1,50,200').split(',').map(Number),
      seconds,
      rounds,
      warmupTurns: WARMUP_TURNS,
      rng,
      bot: { config: BOT_CONFIG, nodeArgs: profileArgs('bot') },
      echoNodeArgs: profileArgs('echo'),
    });
    console.log(httpSection(http, seconds, rounds, WARMUP_TURNS));
  }

  async function startupBench(): Promise<void> {
    const mainJs = path.resolve(__dirname, '..', 'main.js');
    console.log(startupSection(await benchStartup(mainJs, mainEnv())));
  }

  async function storedBench(): Promise<void> {
    const turns = 25;
    const stored = await benchStoredSize({
      conversations: 500,
      turnsPerConversation: turns,
      connections: 50,
      rng,
      config: BOT_CONFIG,
    });
    console.log(storedSection(stored, turns));
  }

  async function memoryBench(): Promise<void> {
    const conversations = 1000;
    const soak = await soakMemory({
      conversations,
      connections: 50,
      // A middle checkpoint shows the trend: a leak grows in both halves alike, a cache filling up does not.
      checkpoints: [Math.round(memoryTurns / 10), Math.round(memoryTurns * 0.55), memoryTurns],
      rng,
      config: BOT_CONFIG,
    });
    console.log(memorySection(soak, conversations));
  }
}

main().catch((e: unknown) => {
  console.error('benchmark could not run:', e instanceof Error ? e.message : e);
  process.exit(1);
});
