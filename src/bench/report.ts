import os from 'node:os';
import type { EngineBenchResult } from './engine-bench';
import type { CompareResult, MeasuredLoad } from './http-compare';
import { errorsOf } from './http-load';
import type { SoakResult } from './memory-soak';
import type { StartupResult } from './startup';
import type { StoredSize } from './stored-size';
import { fixed, int, mib, mibDelta, section, table, verdict } from './table';
import type { WidgetRun } from './widget-bench';
import type { MongoBenchResult } from './mongo-bench';
import type { UsageBenchResult } from './usage-bench';

/** The printed report, one function per section. Targets are printed next to figures, never asserted. */

export const TARGETS = {
  ratioAt: 50,
  maxRatio: 1.5,
  p99At: 50,
  p99Ms: 50,
  startupMs: 2000,
  /** Heap growth between the two memory checkpoints still counted as "no growth" (GC noise). */
  heapSlackBytes: 1024 * 1024,
} as const;

export function machineInfo(): string {
  const cpus = os.cpus();
  return [
    'I-KNOW-HOW roadmap bot: benchmark',
    `  machine: ${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${mib(os.totalmem())} RAM, ${os.platform()} ${os.release()} ${os.arch()}`,
    `  node ${process.version}, load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}, ${new Date().toISOString()}`,
  ].join('\n');
}

export function engineSection(r: EngineBenchResult): string {
  return [
    section('1. Engine steps per second (pure engine, one core)'),
    `  ${int(r.steps)} steps in ${int(r.conversations)} random conversations (fixed seed) after a warm-up`,
    table(
      ['steps', 'seconds', 'steps/s', 'µs/step'],
      [[int(r.steps), fixed(r.seconds, 2), int(r.stepsPerSecond), fixed(r.microsPerStep, 2)]],
    ),
  ].join('\n');
}

const ms = (n: number) => fixed(n, 2);

function loadRows(results: MeasuredLoad[]) {
  return results.map((r) => [
    r.connections,
    fixed(r.turnsPerSecond, 0),
    ms(r.p50),
    ms(r.p95),
    ms(r.p99),
    ms(r.max),
    ms(r.firstMax),
    int(r.ok),
    fixed(r.cpuMsPerTurn, 3),
    `${r.non2xx}/${r.noActivities}/${r.requestErrors}`,
  ]);
}

const LOAD_HEADER = [
  'conversations',
  'turns/s',
  'p50 ms',
  'p95 ms',
  'p99 ms',
  'max ms',
  '1st max ms',
  'good turns',
  'CPU ms/turn',
];

/** The largest of the ratios the target bounds: echo ÷ bot throughput, bot ÷ echo p50, p95, p99. */
function worstRatio(b: MeasuredLoad, e: MeasuredLoad): number {
  return Math.max(e.turnsPerSecond / b.turnsPerSecond, b.p50 / e.p50, b.p95 / e.p95, b.p99 / e.p99);
}

export function httpSection(c: CompareResult, seconds: number, rounds: number, warmupTurns: number): string {
  const lines = [
    section(
      '2. HTTP turns: POST /api/messages, deliveryMode expectReplies, lmdb store, bot in a child process',
    ),
    `  ${seconds} s per level and server, in ${rounds} alternating rounds (bot, echo; echo, bot; …) pooled;`,
    `  after ${int(warmupTurns)} warm-up turns per server (steady state: JIT done, and`,
    "  Node's stack check on deprecated Buffer() calls, made for the first 10,000, over); one connection",
    '  per conversation, each waits for its reply; every reply checked.',
    '  Latency percentiles are exact (every response time kept, nearest rank), not histogram estimates,',
    "  over all turns but each connection's first: that one includes opening the TCP connection while all",
    "  connections open at once; its slowest is '1st max' (counted in turns/s and in the error checks).",
    "  CPU ms/turn: the server process's own CPU time (user + system) during the run ÷ its answered turns.",
    '  errors = non-2xx / 2xx without activities / connection errors+timeouts',
    '  Closed loop without think time: once the server is saturated, latency ≈ conversations ÷ turns/s.',
    '',
    '  roadmap bot:',
    table([...LOAD_HEADER, 'errors'], loadRows(c.bot)),
    '',
    section('3. Echo bot on the same stack (botbuilder CloudAdapter + restify 11), same load'),
    table([...LOAD_HEADER, 'errors'], loadRows(c.echo)),
    '',
    '  ratio roadmap bot ÷ echo bot (latency: lower is better; throughput: higher is better)',
  ];
  const rows = c.bot.map((b, i) => {
    const e = c.echo[i] as MeasuredLoad;
    return [
      b.connections,
      fixed(b.turnsPerSecond / e.turnsPerSecond, 2),
      fixed(b.p50 / e.p50, 2),
      fixed(b.p95 / e.p95, 2),
      fixed(b.p99 / e.p99, 2),
      fixed(b.cpuMsPerTurn / e.cpuMsPerTurn, 2),
    ];
  });
  lines.push(table(['conversations', 'turns/s', 'p50', 'p95', 'p99', 'CPU/turn'], rows));
  if (rounds > 1) {
    const spread = c.rounds.map((levelRounds, i) => [
      c.bot[i]?.connections ?? '',
      levelRounds.map((r) => fixed(r.bot.cpuMsPerTurn / r.echo.cpuMsPerTurn, 2)).join('  '),
      levelRounds.map((r) => fixed(worstRatio(r.bot, r.echo), 2)).join('  '),
    ]);
    lines.push(
      '',
      '  the same ratios round by round (the same code in every round: the spread is the machine):',
      table(['conversations', 'CPU/turn per round', 'worst of turns/s, p50, p95, p99 per round'], spread),
    );
  }
  const b = c.bot.find((r) => r.connections === TARGETS.ratioAt);
  const e = c.echo.find((r) => r.connections === TARGETS.ratioAt);
  if (b && e) {
    const worst = worstRatio(b, e);
    lines.push(
      '',
      `  target: at ${TARGETS.ratioAt} conversations the bot costs at most ${TARGETS.maxRatio}× the echo bot`,
      `          (each latency ratio ≤ ${TARGETS.maxRatio}, throughput ratio ≥ ${fixed(1 / TARGETS.maxRatio, 2)}): worst ${fixed(worst, 2)}× → ${verdict(worst <= TARGETS.maxRatio)}`,
    );
  }
  const p = c.bot.find((r) => r.connections === TARGETS.p99At);
  if (p)
    lines.push(
      `  target: p99 < ${TARGETS.p99Ms} ms at ${TARGETS.p99At} conversations: ${ms(p.p99)} ms → ${verdict(p.p99 < TARGETS.p99Ms)}`,
    );
  const errors = [...c.bot, ...c.echo].reduce((n, r) => n + errorsOf(r), 0);
  lines.push(`  errors in all HTTP runs: ${errors}`);
  return lines.join('\n');
}

export function startupSection(s: StartupResult): string {
  return [
    section('4. Start-up: spawn `node dist/src/main.js` → GET /healthz 200 (fresh DATA_DIR, LOG_LEVEL=info)'),
    table(
      ['run', '"listening" log ms', '/healthz 200 ms'],
      s.runs.map((r, i) => [i + 1, fixed(r.listeningLogMs, 0), fixed(r.healthzMs, 0)]),
    ),
    `  median: listening log line ${fixed(s.medianLogMs, 0)} ms, /healthz 200 after ${fixed(s.medianHealthzMs, 0)} ms`,
    `  target: start-up < ${TARGETS.startupMs} ms: ${verdict(s.medianHealthzMs < TARGETS.startupMs)}`,
  ].join('\n');
}

export function storedSection(
  s: StoredSize & { errors: number; dataDir: { apparent: number; allocated: number } },
  turns: number,
): string {
  return [
    section('5. Stored bytes per conversation (lmdb, conversation item + user item)'),
    `  ${s.conversations} conversations × ${turns} turns through HTTP; ${s.found} found in the store; ${s.errors} errors`,
    table(
      ['measure', 'mean B', 'max B'],
      [
        ['JSON of the items as read by the app (with eTag)', int(s.jsonMean), int(s.jsonMax)],
        ['lmdb key + encoded value (JSON record)', int(s.storedMean), int(s.storedMax)],
      ],
    ),
    `  B-tree: ${s.entries} entries, ${int(s.treeBytes)} B in used pages = ${int(s.treeBytesPerConversation)} B per conversation (page overhead included)`,
    `  data dir: ${mib(s.dataDir.apparent)} apparent, ${mib(s.dataDir.allocated)} on disk (includes lock file and free pages)`,
  ].join('\n');
}

export function memorySection(s: SoakResult, conversations: number): string {
  const rows = s.points.map((p) => [
    int(p.turns),
    mib(p.memory.heapUsed),
    mib(p.memory.heapTotal),
    mib(p.memory.external),
    mib(p.memory.rss),
    mib(p.dataDir.apparent),
    p.load ? fixed(p.load.turnsPerSecond, 0) : '',
  ]);
  const lines = [
    section('6. Memory of the bot child after a full GC, same conversations throughout'),
    `  ${conversations} conversations, HTTP turns over 50 connections; ${s.errors} errors; gc exposed: ${s.points[0]?.memory.gc ?? false}`,
    table(['after turns', 'heapUsed', 'heapTotal', 'external', 'rss', 'data dir', 'turns/s'], rows),
  ];
  const measured = s.points.filter((p) => p.turns > 0);
  const a = measured[0];
  const b = measured[measured.length - 1];
  const mid = measured.length > 2 ? measured[measured.length - 2] : undefined;
  if (a && b && a !== b) {
    const heap = b.memory.heapUsed - a.memory.heapUsed;
    if (mid)
      lines.push(
        `  trend: heapUsed ${mibDelta(mid.memory.heapUsed - a.memory.heapUsed)} over ${int(a.turns)} → ${int(mid.turns)}, ${mibDelta(b.memory.heapUsed - mid.memory.heapUsed)} over ${int(mid.turns)} → ${int(b.turns)} turns (a leak grows alike in both)`,
      );
    lines.push(
      `  ${int(a.turns)} → ${int(b.turns)} turns: heapUsed ${mibDelta(heap)}, external ${mibDelta(b.memory.external - a.memory.external)}, rss ${mibDelta(b.memory.rss - a.memory.rss)}, data dir ${mibDelta(b.dataDir.apparent - a.dataDir.apparent)}`,
      '  (rss includes the lmdb memory map: store pages read or written count as resident)',
      `  target: no heap growth between ${int(a.turns)} and ${int(b.turns)} turns (≤ ${mib(TARGETS.heapSlackBytes)} of GC noise): ${verdict(heap <= TARGETS.heapSlackBytes)}`,
    );
  }
  return lines.join('\n');
}

export const WIDGET_TARGETS = { loopbackMs: 1000, emulatedMs: 3000 } as const;

export function widgetSection(r: WidgetRun[] | { skipped: string }, runs: number): string {
  const title = section(
    '7. Web chat widget: press the launcher → first greeting on screen (headless Chromium, cold cache, median of ' +
      `${runs}; emulated: 9 Mbit/s down, 150 ms round trip)`,
  );
  if ('skipped' in r) return [title, `  SKIPPED: ${r.skipped}`].join('\n');
  const lines = [
    title,
    table(
      ['network', 'Web Chat script', 'runs (ms)', 'median ms'],
      r.map((x) => [
        x.network,
        x.start === 'preloaded' ? 'fetched while the page was idle' : 'cold: clicked before it was fetched',
        x.ms.map((m) => fixed(m, 0)).join(' '),
        fixed(x.median, 0),
      ]),
    ),
  ];
  for (const x of r.filter((y) => y.start === 'preloaded')) {
    const target = x.network === 'loopback' ? WIDGET_TARGETS.loopbackMs : WIDGET_TARGETS.emulatedMs;
    lines.push(
      `  target (${x.network}, the normal case): ≤ ${target} ms: ${fixed(x.median, 0)} ms → ${verdict(x.median <= target)}`,
    );
  }
  return lines.join('\n');
}

export function mongoSection(r: MongoBenchResult | { skipped: string }): string {
  const title = section(
    '8. MongoDB: the same HTTP load on the embedded lmdb store and on MongoDB (MONGODB_URI)',
  );
  if ('skipped' in r) return [title, `  SKIPPED: ${r.skipped}`].join('\n');
  const row = (name: string, x: MongoBenchResult['lmdb']) => [
    name,
    fixed(x.turnsPerSecond, 0),
    fixed(x.p50, 1),
    fixed(x.p99, 1),
    errorsOf(x),
  ];
  return [
    title,
    `  server: ${r.uri}; ${r.connections} concurrent conversations, ${r.seconds} s each`,
    table(['store', 'turns/s', 'p50 ms', 'p99 ms', 'errors'], [row('lmdb', r.lmdb), row('MongoDB', r.mongo)]),
    `  MongoDB vs lmdb: ${fixed(r.mongo.turnsPerSecond / r.lmdb.turnsPerSecond, 2)}× the turns/s, p99 ${fixed(r.mongo.p99 / r.lmdb.p99, 2)}×`,
  ].join('\n');
}

export const USAGE_TARGET_PERCENT = 5;

export function usageSection(r: UsageBenchResult): string {
  return [
    section(
      '9. Anonymous usage counters: their cost per turn (the same seeded engine walk with and without)',
    ),
    `  ${r.steps} steps: ${fixed(r.microsWithout, 1)} µs per step without counters, ${fixed(r.microsWith, 1)} µs with`,
    `  counters add ${fixed(r.overheadMicros, 2)} µs per turn; a whole turn in process (runTurn on lmdb, no HTTP, one at a time) takes ${fixed(r.microsPerTurn, 0)} µs`,
    `  = ${fixed(r.overheadPercent, 1)} % per turn (of an HTTP turn, with parsing and rendering, less still)`,
    `  target: < ${USAGE_TARGET_PERCENT} % CPU per turn: ${verdict(r.overheadPercent < USAGE_TARGET_PERCENT)}`,
  ].join('\n');
}
