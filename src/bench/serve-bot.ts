/*
 * The roadmap bot for the benchmark, in its own process: the whole app (createApp) on 127.0.0.1 and a
 * port chosen by the system, announced as `{"port": n}` on stdout. Its configuration is the JSON object
 * in argv[2] (the environment variables readConfig knows), so the developer's own environment or .env
 * (an app id, a MongoDB) never changes what is measured. One extra route, for the benchmark only:
 * GET /bench/memory runs a full GC (when started with --expose-gc) and answers process.memoryUsage();
 * GET /bench/cpu answers the CPU time the process has used (both servers have it).
 */
import type { AddressInfo } from 'node:net';
import type { Request, Response } from 'restify';
import { createApp } from '../app';
import { readConfig } from '../config';

const env = JSON.parse(process.argv[2] ?? '{}') as Record<string, string>;
const app = createApp(readConfig(env));

app.server.get('/bench/memory', async (_req: Request, res: Response) => {
  global.gc?.();
  global.gc?.();
  res.send(200, { ...process.memoryUsage(), gc: typeof global.gc === 'function' });
});

// Benchmark only: the CPU time this process has used so far, µs (user + system).
app.server.get('/bench/cpu', async (_req: Request, res: Response) => {
  const { user, system } = process.cpuUsage();
  res.send(200, { micros: user + system });
});

app.server.listen(0, '127.0.0.1', () => {
  const { port } = app.server.address() as AddressInfo;
  console.log(JSON.stringify({ port }));
});

process.once('SIGTERM', () => {
  void app.close().finally(() => process.exit(0));
});
