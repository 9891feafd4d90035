import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer, type ServerChild } from './child';

/** The two servers under test, each in its own process (scripts next to this file in dist/src/bench). */

export interface BotOptions {
  /** Extra configuration (environment variable names readConfig knows), e.g. to lift rate limits. */
  config?: Record<string, string>;
  nodeArgs?: string[];
  /** Reuse this data directory; default: a fresh temporary one. */
  dataDir?: string;
}

export interface BotChild extends ServerChild {
  dataDir: string;
  /** Deletes the data directory (after stop). */
  removeData(): void;
}

export const tempDataDir = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'bench-bot-'));

export async function startBot(o: BotOptions = {}): Promise<BotChild> {
  const dataDir = o.dataDir ?? tempDataDir();
  const config = { DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', ...o.config };
  const child = await startServer({
    script: path.join(__dirname, 'serve-bot.js'),
    args: [JSON.stringify(config)],
    nodeArgs: o.nodeArgs,
  });
  return { ...child, dataDir, removeData: () => fs.rmSync(dataDir, { recursive: true, force: true }) };
}

export function startEcho(nodeArgs: string[] = []): Promise<ServerChild> {
  return startServer({ script: path.join(__dirname, 'serve-echo.js'), nodeArgs });
}

export interface ChildMemory {
  rss: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
  gc: boolean;
}

/** The bot child's memory after a full GC (GET /bench/memory; the child runs with --expose-gc). */
export async function childMemory(url: string): Promise<ChildMemory> {
  const res = await fetch(`${url}/bench/memory`);
  if (res.status !== 200) throw new Error(`GET /bench/memory: ${res.status}`);
  return (await res.json()) as ChildMemory;
}

/** CPU time (user + system) a server child has used so far, in µs (GET /bench/cpu, both servers). */
export async function childCpuMicros(url: string): Promise<number> {
  const res = await fetch(`${url}/bench/cpu`);
  if (res.status !== 200) throw new Error(`GET /bench/cpu: ${res.status}`);
  return ((await res.json()) as { micros: number }).micros;
}
