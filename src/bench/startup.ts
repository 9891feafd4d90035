import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { stopChild } from './child';
import { median } from './stats';

/**
 * Start-up time of the real entry point: from spawning `node dist/src/main.js` (fresh data directory,
 * LOG_LEVEL=info) until GET /healthz answers 200, polled every 5 ms on a port chosen beforehand. Also
 * when the "listening" log line appeared on stdout.
 */
export interface StartupRun {
  listeningLogMs: number;
  healthzMs: number;
}

export interface StartupResult {
  runs: StartupRun[];
  medianHealthzMs: number;
  medianLogMs: number;
}

const LISTENING = 'roadmap bot listening on POST /api/messages';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

async function healthy(url: string): Promise<boolean> {
  try {
    const res = await fetch(url);
    await res.arrayBuffer();
    return res.status === 200;
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function startOnce(mainJs: string, baseEnv: NodeJS.ProcessEnv): Promise<StartupRun> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-startup-'));
  const env = { ...baseEnv, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'info' };
  const t0 = performance.now();
  // cwd = the fresh directory: no .env of the developer is loaded.
  const child = spawn(process.execPath, [mainJs], { env, cwd: dataDir, stdio: ['ignore', 'pipe', 'pipe'] });
  let listeningLogMs = NaN;
  readline.createInterface({ input: child.stdout! }).on('line', (line) => {
    if (Number.isNaN(listeningLogMs) && line.includes(LISTENING)) listeningLogMs = performance.now() - t0;
  });
  child.stderr?.resume();
  let exited = false;
  child.once('exit', () => (exited = true));
  try {
    const deadline = t0 + 30_000;
    while (!(await healthy(`http://127.0.0.1:${port}/healthz`))) {
      if (exited) throw new Error('main.js exited before /healthz answered');
      if (performance.now() > deadline) throw new Error('main.js: /healthz did not answer within 30 s');
      await sleep(5);
    }
    const healthzMs = performance.now() - t0;
    // The log line is written just before or after the first 200: give it a moment.
    for (let i = 0; i < 100 && Number.isNaN(listeningLogMs); i++) await sleep(10);
    return { listeningLogMs, healthzMs };
  } finally {
    await stopChild(child);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function benchStartup(
  mainJs: string,
  baseEnv: NodeJS.ProcessEnv,
  runs = 5,
): Promise<StartupResult> {
  await healthy('http://127.0.0.1:1/'); // loads fetch in this process before the first timed start
  const all: StartupRun[] = [];
  for (let i = 0; i < runs; i++) all.push(await startOnce(mainJs, baseEnv));
  return {
    runs: all,
    medianHealthzMs: median(all.map((r) => r.healthzMs)),
    medianLogMs: median(all.map((r) => r.listeningLogMs)),
  };
}
